// KubeVirt's locks on a VM while a snapshot or a restore works on it (its VM storage admitter,
// with its messages): during a snapshot the disks, volumes and running state stay as they are, so
// the copy matches the spec it records; during a restore the run strategy stays as it is.
import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../../machinery/kind.ts';
import { notSupported } from '../common/field-error.ts';
import type { VirtualMachine } from './types.ts';

type Spec = VirtualMachine['spec'];

const runStrategyOf = (s: Spec) => s?.runStrategy ?? (s?.running === true ? 'Always' : 'Halted');

export function validateVmLocks(vm: VirtualMachine, old: VirtualMachine | undefined): FieldError[] {
  if (!old) return [];
  const restore = old.status?.restoreInProgress;
  if (restore && !isDeepStrictEqual(old.spec, vm.spec) && runStrategyOf(old.spec) !== runStrategyOf(vm.spec)) {
    return [notSupported('spec', `Cannot update VM runStrategy until restore "${restore}" completes`)];
  }
  const snapshot = old.status?.snapshotInProgress;
  if (!snapshot) return [];
  const disks = (s: Spec) => [s?.template?.spec?.volumes, s?.template?.spec?.domain?.devices?.disks];
  if (!isDeepStrictEqual(disks(old.spec), disks(vm.spec))) {
    return [notSupported('spec', `Cannot update vm disks or volumes until snapshot "${snapshot}" completes`)];
  }
  if (old.spec?.running !== vm.spec?.running || old.spec?.runStrategy !== vm.spec?.runStrategy) {
    return [notSupported('spec', `Cannot update vm running state until snapshot "${snapshot}" completes`)];
  }
  return [];
}
