// Where each NIC's traffic counters come from. Bridge-bound (Multus) NICs are host tap devices,
// whose /sys/class/net/TAP/statistics the node reads directly. Masquerade (pod network) NICs are
// QEMU user-mode networking (slirp): no host device exists and QMP has no per-netdev counters, so
// only the guest agent's guest-network-get-interfaces `statistics` can tell, matched by MAC; when
// the agent does not answer (or reports no statistics) that NIC is not measured.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { effectiveInterfaces } from '../../qemu/argv-nics.ts';
import type { LaunchVmiSpec } from '../../qemu/launch-spec.ts';
import { tapName } from '../bridge-taps.ts';
import { stableMac } from '../network.ts';

export type NicSource = { iface: string; kind: 'tap'; tap: string } | { iface: string; kind: 'guest-agent'; mac: string };

export function nicSources(vmi: VirtualMachineInstance, nodeName: string): NicSource[] {
  const spec = (vmi.spec ?? {}) as LaunchVmiSpec;
  const uid = vmi.metadata.uid ?? '';
  const { interfaces, networks } = effectiveInterfaces(spec);
  return interfaces.map((iface): NicSource => {
    const multus = networks.find((n) => n.name === iface.name)?.multus;
    // Same names and MACs as network.ts gives them at launch.
    if (multus) return { iface: iface.name, kind: 'tap', tap: tapName(nodeName, uid, iface.name) };
    return { iface: iface.name, kind: 'guest-agent', mac: (iface.macAddress ?? stableMac(uid, iface.name)).toLowerCase() };
  });
}

/** A guest agent interface entry; `statistics` is present with qemu-ga ≥ 5.0. */
export interface AgentInterface {
  name?: string;
  'hardware-address'?: string;
  statistics?: { 'rx-bytes'?: number; 'tx-bytes'?: number };
}

/** The agent's counters for one MAC, or undefined when it has none for it. */
export function agentCounters(ifaces: AgentInterface[] | undefined, mac: string): { rxBytes: number; txBytes: number } | undefined {
  const i = ifaces?.find((x) => x['hardware-address']?.toLowerCase() === mac);
  const rx = i?.statistics?.['rx-bytes'];
  const tx = i?.statistics?.['tx-bytes'];
  return typeof rx === 'number' && typeof tx === 'number' ? { rxBytes: rx, txBytes: tx } : undefined;
}
