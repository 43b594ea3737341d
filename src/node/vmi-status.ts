// The VMI status the agent writes: phases with their transition timestamps, what a running guest
// looks like (Ready, LiveMigratable, Paused, AgentConnected, interfaces, machine, CPU, memory), and
// a final phase (Succeeded or Failed) with its reason.
import type { VirtualMachineInstance, VirtualMachineInstanceStatus } from '../api/kubevirt/index.ts';
import { machineType, memoryMiB } from '../qemu/argv-machine.ts';
import type { LaunchVmiSpec } from '../qemu/launch-spec.ts';
import type { RunningGuest } from './guest.ts';
import type { InterfaceStatus } from './network.ts';
import { now, removeCondition, setCondition } from './status.ts';

type Status = VirtualMachineInstanceStatus;

export function setPhase(status: Status, phase: NonNullable<Status['phase']>): void {
  if (status.phase === phase) return;
  status.phase = phase;
  status.phaseTransitionTimestamps = [...(status.phaseTransitionTimestamps ?? []), { phase, phaseTransitionTimestamp: now() }];
}

/** Why the guest cannot live-migrate (node-local host disks, bridge NICs), or undefined. */
export function notMigratableReason(vmi: VirtualMachineInstance): { reason: string; message: string } | undefined {
  const hostDisk = vmi.spec?.volumes?.find((v) => v.hostDisk);
  if (hostDisk) return { reason: 'HostDiskNotLiveMigratable', message: `volume "${hostDisk.name}" is a hostDisk, which lives on this node only` };
  // Bridge binding on the pod network ties the guest to its pod's address; on a Multus (node
  // bridge) network the guest keeps its own address wherever it runs.
  const bridge = vmi.spec?.domain?.devices?.interfaces?.find((i) => i.bridge && !vmi.spec?.networks?.find((n) => n.name === i.name)?.multus);
  if (bridge) return { reason: 'InterfaceNotLiveMigratable', message: `interface "${bridge.name}" uses bridge binding on the pod network` };
  return undefined;
}

/** Fields of a Running VMI's status that depend on the spec and the launch, written once at start. */
export function markRunning(vmi: VirtualMachineInstance, nodeName: string, podUid: string, interfaces: InterfaceStatus[]): void {
  const status: Status = (vmi.status ??= {});
  const spec: LaunchVmiSpec = vmi.spec ?? {};
  setPhase(status, 'Running');
  status.nodeName = nodeName;
  status.activePods = { [podUid]: nodeName };
  status.interfaces = interfaces;
  status.machine = { type: machineType(spec) };
  const cpu = spec.domain?.cpu;
  status.currentCPUTopology = { sockets: cpu?.sockets ?? 1, cores: cpu?.cores ?? 1, threads: cpu?.threads ?? 1 };
  status.memory = { ...(status.memory ?? {}), guestAtBoot: `${memoryMiB(spec)}Mi`, guestCurrent: `${memoryMiB(spec)}Mi` };
  delete status.reason;
  status.conditions = setCondition(status.conditions, { type: 'Ready', status: 'True', lastProbeTime: null });
  const nm = notMigratableReason(vmi);
  status.conditions = setCondition(
    status.conditions,
    nm ? { type: 'LiveMigratable', status: 'False', reason: nm.reason, message: nm.message } : { type: 'LiveMigratable', status: 'True' },
  );
}

/** What the QMP events and the guest agent said since the last write. */
export function applyGuestState(vmi: VirtualMachineInstance, guest: RunningGuest): void {
  const status: Status = (vmi.status ??= {});
  status.conditions = guest.paused
    ? setCondition(status.conditions, { type: 'Paused', status: 'True', reason: 'PausedByUser', message: 'VMI was paused by user', lastProbeTime: null })
    : removeCondition(status.conditions, 'Paused');
  const info = guest.agentInfo;
  if (info) {
    status.conditions = setCondition(status.conditions, { type: 'AgentConnected', status: 'True', lastProbeTime: null });
    if (info.osInfo) {
      const o = info.osInfo;
      status.guestOSInfo = {
        id: o['id'],
        name: o['name'],
        prettyName: o['pretty-name'],
        version: o['version'],
        versionId: o['version-id'],
        kernelRelease: o['kernel-release'],
        kernelVersion: o['kernel-version'],
        machine: o['machine'],
      };
      for (const k of Object.keys(status.guestOSInfo) as (keyof typeof status.guestOSInfo)[]) {
        if (status.guestOSInfo[k] === undefined) delete status.guestOSInfo[k];
      }
    }
    // The guest's own view of its NICs (name inside the guest, its private NAT address).
    for (const iface of status.interfaces ?? []) {
      const g = info.interfaces?.find((x) => x['hardware-address']?.toLowerCase() === iface.mac?.toLowerCase());
      if (!g) continue;
      iface.interfaceName = g.name;
      iface.infoSource = 'domain, guest-agent';
      // A bridged NIC's address is the guest's own: only its agent knows it.
      if (!iface.ipAddress) {
        const ips = (g['ip-addresses'] ?? []).filter((a) => a['ip-address-type'] === 'ipv4' || a['ip-address-type'] === 'ipv6').map((a) => a['ip-address']);
        if (ips.length > 0) {
          iface.ipAddress = ips[0];
          iface.ipAddresses = ips;
        }
      }
    }
  } else {
    status.conditions = removeCondition(status.conditions, 'AgentConnected');
    delete status.guestOSInfo;
  }
}

/** Succeeded or Failed, with the reason on the Ready condition (False) and on status.reason. */
export function markFinal(vmi: VirtualMachineInstance, phase: 'Succeeded' | 'Failed', reason: string, message: string): void {
  const status: Status = (vmi.status ??= {});
  setPhase(status, phase);
  status.reason = reason;
  status.conditions = setCondition(removeCondition(removeCondition(status.conditions, 'Paused'), 'AgentConnected'), {
    type: 'Ready',
    status: 'False',
    reason,
    message,
    lastProbeTime: null,
  });
  if (phase === 'Failed') {
    // KubeVirt reports a VMI the handler could not run through its Synchronized condition.
    status.conditions = setCondition(status.conditions, { type: 'Synchronized', status: 'False', reason, message });
  }
  delete status.guestOSInfo;
}
