// Pod network with masquerade binding = QEMU user-mode NAT. Outbound traffic is NATed by QEMU;
// inbound, guest port 22 and every port the interface lists are forwarded from free ports on the
// node address. Decision: the node address is where the VM is reachable, so the VMI's
// status.interfaces[].ipAddress is the node address (as a pod IP would be), and the forwarded host
// ports are in the VMI annotation `vireo.io/port-forwards` ({"22/TCP": 40022, …}).
// Bridge binding on a Multus network attaches the guest to a node Linux bridge through a tap
// (bridge-taps.ts); bridge binding on the pod network would need the pod's own address: refused.
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { effectiveInterfaces } from '../qemu/argv-nics.ts';
import type { LaunchNetwork, LaunchVmiSpec, PortForward } from '../qemu/launch-spec.ts';
import { VmiFailure } from './vmi-failure.ts';
import { bridgeOf, tapName, type TapPlan } from './bridge-taps.ts';
import type { KubeClient } from '../client/client.ts';

export const PORT_FORWARDS_ANNOTATION = 'vireo.io/port-forwards';

export interface InterfaceStatus {
  name: string;
  mac: string;
  ipAddress?: string;
  ipAddresses?: string[];
  infoSource: string;
  interfaceName?: string;
}

export interface NetworkPlan {
  launch: LaunchNetwork;
  /** "<guestPort>/<PROTO>" → host port, for the annotation. */
  forwards: Record<string, number>;
  interfaces: InterfaceStatus[];
  /** Taps to create before QEMU starts (bridge binding). */
  taps: TapPlan[];
}

/** A stable locally administered MAC from the VMI uid and interface name (QEMU's 52:54:00 OUI). */
export function stableMac(uid: string, iface: string): string {
  const h = createHash('sha256').update(`${uid}/${iface}`).digest();
  return `52:54:00:${[h[0], h[1], h[2]].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
}

/** A port the kernel says is free on `address` now (QEMU binds it a moment later). */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, address, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function parseForwards(vmi: VirtualMachineInstance): Record<string, number> {
  const raw = vmi.metadata.annotations?.[PORT_FORWARDS_ANNOTATION];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Plans the NICs: MACs, forwards (reusing the ports in the annotation, so a retried start keeps
 * them) and the status.interfaces entries. Throws VmiFailure for what the node cannot provide.
 */
export async function planNetwork(vmi: VirtualMachineInstance, address: string, node: { client: KubeClient; nodeName: string }): Promise<NetworkPlan> {
  const spec = (vmi.spec ?? {}) as LaunchVmiSpec;
  const uid = vmi.metadata.uid ?? '';
  const { interfaces, networks } = effectiveInterfaces(spec);
  const known = parseForwards(vmi);
  const plan: NetworkPlan = { launch: { macs: {}, forwards: {}, taps: {} }, forwards: {}, interfaces: [], taps: [] };
  for (const iface of interfaces) {
    const netw = networks.find((n) => n.name === iface.name);
    if (iface.bridge && !netw?.multus) {
      throw new VmiFailure('NetworkNotSupported', `interface "${iface.name}": bridge binding is supported on Multus networks (a node bridge); on the pod network use masquerade`);
    }
    if (netw?.multus && !iface.bridge) {
      throw new VmiFailure('NetworkNotSupported', `interface "${iface.name}": Multus network "${netw.multus.networkName}" needs bridge binding`);
    }
    if (iface.sriov || iface.binding) {
      throw new VmiFailure('NetworkNotSupported', `interface "${iface.name}": ${iface.sriov ? 'SR-IOV' : `binding plugin "${iface.binding?.name}"`} is not supported; use masquerade`);
    }
    const mac = (iface.macAddress ?? stableMac(uid, iface.name)).toLowerCase();
    plan.launch.macs![iface.name] = mac;
    if (netw?.multus) {
      // The guest has its own address on that segment; only its guest agent can tell it.
      const bridge = await bridgeOf(node.client, vmi.metadata.namespace ?? 'default', netw.multus.networkName);
      const tap = tapName(node.nodeName, uid, iface.name);
      plan.launch.taps![iface.name] = tap;
      plan.taps.push({ iface: iface.name, tap, bridge });
      plan.interfaces.push({ name: iface.name, mac, infoSource: 'domain' });
      continue;
    }
    plan.interfaces.push({ name: iface.name, mac, ipAddress: address, ipAddresses: [address], infoSource: 'domain' });
    // Only the first pod interface gets the forwards: the pod network has one address.
    if (!netw?.pod || Object.keys(plan.forwards).length > 0) continue;
    const ports = [{ port: 22, protocol: 'TCP' }, ...(iface.ports ?? [])];
    const fwds: PortForward[] = [];
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP').toUpperCase() as 'TCP' | 'UDP';
      const key = `${p.port}/${proto}`;
      if (plan.forwards[key] !== undefined) continue;
      const hostPort = known[key] ?? (await freePort(address));
      plan.forwards[key] = hostPort;
      fwds.push({ protocol: proto, hostPort, guestPort: p.port });
    }
    plan.launch.forwards![iface.name] = fwds;
  }
  return plan;
}

/**
 * src/qemu binds forwards to 127.0.0.1 (PortForward has no address field yet); a node with another
 * InternalIP rebinds them to that address here.
 */
export function bindForwardsTo(argv: string[], address: string): string[] {
  if (address === '127.0.0.1') return argv;
  return argv.map((a) => a.replace(/hostfwd=(tcp|udp):127\.0\.0\.1:/g, `hostfwd=$1:${address}:`));
}
