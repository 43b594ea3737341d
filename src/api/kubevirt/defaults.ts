// The few defaults KubeVirt applies at admission that users see in `kubectl get -o yaml`. Anything
// the node or a controller decides (machine type, firmware uuid, NIC model) stays unset here.
import type { VirtualMachine, VirtualMachineInstance } from './types.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 180;

/** A disk that names no device type is a virtio hard disk. */
function defaultDisks(spec: VirtualMachineInstanceSpec | undefined): void {
  for (const disk of spec?.domain?.devices?.disks ?? []) {
    if (disk.disk === undefined && disk.cdrom === undefined && disk.lun === undefined) disk.disk = { bus: 'virtio' };
  }
}

export function defaultVirtualMachine(vm: VirtualMachine): void {
  // Neither running nor runStrategy means Halted; the VM controller reads it so, nothing to write.
  defaultDisks(vm.spec?.template?.spec);
}

export function defaultVirtualMachineInstance(vmi: VirtualMachineInstance): void {
  const spec = vmi.spec;
  if (!spec) return;
  defaultDisks(spec);
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
}
