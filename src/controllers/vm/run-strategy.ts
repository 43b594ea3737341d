// The effective run strategy of a VM and the state change requests (start/stop/restart) that the
// VM actions leave in status.stateChangeRequests for the controller to act upon.
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineStatus } from '../../api/kubevirt/index.ts';
import { START_PAUSED_KEY } from './names.ts';

export type RunStrategy = 'Always' | 'RerunOnFailure' | 'Manual' | 'Halted' | 'Once';
export type StateChangeRequest = NonNullable<VirtualMachineStatus['stateChangeRequests']>[number];

/** spec.runStrategy, else spec.running (true = Always; false or absent = Halted). */
export function effectiveRunStrategy(vm: VirtualMachine): RunStrategy {
  if (vm.spec?.runStrategy) return vm.spec.runStrategy as RunStrategy;
  return vm.spec?.running ? 'Always' : 'Halted';
}

/** Strategies under which the controller itself re-creates a VMI, and so backs off after failures. */
export const RESTARTING_STRATEGIES: readonly RunStrategy[] = ['Always', 'RerunOnFailure', 'Once'];

// Only the first request is ever acted upon; the rest wait their turn (as in KubeVirt).
const first = (vm: VirtualMachine): StateChangeRequest | undefined => vm.status?.stateChangeRequests?.[0];

export const hasStartRequest = (vm: VirtualMachine): boolean => first(vm)?.action === 'Start';

export function hasStartPausedRequest(vm: VirtualMachine): boolean {
  const r = first(vm);
  return r?.action === 'Start' && r.data?.[START_PAUSED_KEY] === 'true';
}

/** A Stop request applies only to the VMI whose uid it names. */
export function hasStopRequestFor(vm: VirtualMachine, vmi: VirtualMachineInstance): boolean {
  const r = first(vm);
  return r?.action === 'Stop' && !!r.uid && r.uid === vmi.metadata.uid;
}

/**
 * Whether the first request has been carried out, judged from what exists (so it is consumed
 * exactly once, whichever pass sees the result): a Stop once its VMI is gone or replaced, a Start
 * once a live VMI exists.
 */
export function firstRequestDone(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, live: (vmi: VirtualMachineInstance) => boolean): boolean {
  const r = first(vm);
  if (!r) return false;
  if (r.action === 'Stop') return !vmi || !r.uid || r.uid !== vmi.metadata.uid;
  return !!vmi && live(vmi);
}
