// What the details cards show, computed from the VM: CPU count and memory as the lab shows them.
import type { VirtualMachine } from '../api/types.ts';

export function cpuMemory(vm: VirtualMachine): string {
  const d = vm.spec?.template?.spec?.domain;
  const cpu = d?.cpu;
  const vcpus = (cpu?.cores ?? 1) * (cpu?.sockets ?? 1) * (cpu?.threads ?? 1);
  const mem = d?.memory?.guest ?? d?.resources?.requests?.memory ?? '';
  return `${vcpus} CPU | ${mem ? `${mem} Memory` : '–'}`;
}
