// Whether Configuration edits wait for a restart: KubeVirt's RestartRequired condition once the
// running VMI differs from the VM's template, else a reminder while the VM runs at all.
import type { VirtualMachine, VirtualMachineInstance } from '../api/types.ts';

export type RestartNotice = { kind: 'required'; message: string } | { kind: 'pending' } | undefined;

export function restartNotice(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): RestartNotice {
  const c = vm.status?.conditions?.find((x) => x.type === 'RestartRequired' && x.status === 'True');
  if (c) return { kind: 'required', message: c.message ?? '' };
  return vmi ? { kind: 'pending' } : undefined;
}
