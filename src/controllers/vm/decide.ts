// The run-strategy rules: given a VM and its VMI as they are now, the one step to take next. Pure,
// so every strategy × VMI state × request combination is unit-tested; the controller performs it.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { VM_FINALIZER } from './names.ts';
import { effectiveRunStrategy, hasStartRequest, hasStopRequestFor } from './run-strategy.ts';
import { backoffLeftMs } from './start-failure.ts';
import { isDeleting, isFinal, phaseOf } from './vmi-state.ts';

export type Decision =
  | { action: 'none'; requeueAfterMs?: number; why?: string }
  | { action: 'create'; why: string }
  /** Delete the VMI (gracefully: the node agent shuts the guest down). */
  | { action: 'delete'; why: string; addStartRequest?: boolean }
  /** A Start request on a Halted VM (start --paused): switch the VM to Always, as KubeVirt does. */
  | { action: 'runAlways'; why: string }
  | { action: 'removeFinalizer'; why: string };

const none = (why?: string, requeueAfterMs?: number): Decision => ({ action: 'none', why, ...(requeueAfterMs ? { requeueAfterMs } : {}) });

function deleteUnlessDeleting(vmi: VirtualMachineInstance, why: string, addStartRequest = false): Decision {
  if (isDeleting(vmi)) return none('waiting for the VMI to go away');
  return { action: 'delete', why, ...(addStartRequest ? { addStartRequest } : {}) };
}

/** Create, unless a start failure back-off is still running. */
function createAfterBackoff(vm: VirtualMachine, now: number, why: string): Decision {
  const left = backoffLeftMs(vm, now);
  return left > 0 ? none('start failure back-off', left) : { action: 'create', why };
}

export function decide(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, now: number): Decision {
  if (vm.metadata.deletionTimestamp) {
    // Orphan deletion (kubectl delete --cascade=orphan) leaves the VMI running.
    const orphan = vm.metadata.finalizers?.includes('orphan');
    if (vmi && !orphan) return deleteUnlessDeleting(vmi, 'the VM is being deleted');
    return vm.metadata.finalizers?.includes(VM_FINALIZER) ? { action: 'removeFinalizer', why: 'the VMI is gone' } : none();
  }
  const strategy = effectiveRunStrategy(vm);
  switch (strategy) {
    case 'Always':
      // A VMI should always run: a stopped (restart) or finished one is replaced.
      if (vmi) {
        if (hasStopRequestFor(vm, vmi)) return deleteUnlessDeleting(vmi, 'restart requested');
        if (isFinal(vmi)) return deleteUnlessDeleting(vmi, `the VMI ${phaseOf(vmi) === 'Failed' ? 'failed' : 'finished'}; runStrategy Always replaces it`);
        return none();
      }
      return createAfterBackoff(vm, now, 'runStrategy Always');

    case 'RerunOnFailure': {
      // Re-run only after a failure; the Start request it leaves behind remembers that once the
      // failed VMI is gone.
      if (vmi) {
        const stop = hasStopRequestFor(vm, vmi);
        const failed = phaseOf(vmi) === 'Failed';
        if (stop || isFinal(vmi)) return deleteUnlessDeleting(vmi, stop ? 'stop requested' : `the VMI ${failed ? 'failed' : 'finished'}`, failed);
        return none();
      }
      // status.runStrategy differs when the VM has just been created or switched to RerunOnFailure.
      if (!hasStartRequest(vm) && vm.status?.runStrategy === strategy) return none();
      return createAfterBackoff(vm, now, hasStartRequest(vm) ? 'start requested' : 'runStrategy RerunOnFailure');
    }

    case 'Manual':
      // Only start and stop requests change anything.
      if (vmi) return hasStopRequestFor(vm, vmi) ? deleteUnlessDeleting(vmi, 'stop requested') : none();
      return hasStartRequest(vm) ? { action: 'create', why: 'start requested' } : none();

    case 'Halted':
      if (vmi) return deleteUnlessDeleting(vmi, 'runStrategy Halted');
      return hasStartRequest(vm) ? { action: 'runAlways', why: 'start requested' } : none();

    case 'Once':
      // Runs once: a finished VMI is kept, never replaced.
      return vmi ? none() : { action: 'create', why: 'runStrategy Once' };
  }
}
