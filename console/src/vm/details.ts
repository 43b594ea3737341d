// What the details cards show, computed from the VM: CPU count and memory as the lab shows them,
// and which launcher pod is the VM's.
import type { Pod, VirtualMachine, VirtualMachineInstance } from '../api/types.ts';

export function cpuMemory(vm: VirtualMachine): string {
  const d = vm.spec?.template?.spec?.domain;
  const cpu = d?.cpu;
  const vcpus = (cpu?.cores ?? 1) * (cpu?.sockets ?? 1) * (cpu?.threads ?? 1);
  const mem = d?.memory?.guest ?? d?.resources?.requests?.memory ?? '';
  return `${vcpus} CPU | ${mem ? `${mem} Memory` : '–'}`;
}

/**
 * The VMI's launcher pod among those created for it: the one on the node the VMI names. While a
 * migration runs there are two (the target's is already there), and the VMI names the target only
 * once it has taken over, so the pod shown changes exactly when the node does.
 */
export function launcherPod(pods: readonly Pod[], vmi: VirtualMachineInstance | undefined): Pod | undefined {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const node = vmi?.status?.nodeName;
  return (node ? live.find((p) => p.spec?.nodeName === node) : undefined) ?? live[0] ?? pods[0];
}
