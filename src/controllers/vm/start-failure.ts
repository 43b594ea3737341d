// CrashLoopBackOff: a VMI that fails before it has run for a while counts as a start failure, and
// the next VMI is created only after a back-off that doubles from 10 s up to 5 minutes. A VMI that
// keeps running for RESET_AFTER_MS clears the count.
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineStatus } from '../../api/kubevirt/index.ts';
import { RESTARTING_STRATEGIES, effectiveRunStrategy } from './run-strategy.ts';
import { conditionOf, isFinal, isRunning, phaseEnteredAt, phaseOf } from './vmi-state.ts';

export type StartFailure = NonNullable<VirtualMachineStatus['startFailure']>;

export const BACKOFF_BASE_S = 10;
export const BACKOFF_MAX_S = 300;
/** How long a VMI must run before its later failure no longer counts as a failed start. */
export const RESET_AFTER_MS = 5 * 60_000;

/** Seconds to wait before the next start after `count` consecutive failures: 10, 20, 40, …, 300. */
export function backoffSeconds(count: number): number {
  const n = Math.max(1, count);
  return Math.min(BACKOFF_BASE_S * 2 ** (n - 1), BACKOFF_MAX_S);
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * When the guest began running: the Running phase transition if the node recorded one, else the
 * Ready condition's transition while it is Running. Undefined when it never ran as far as we know.
 */
function runningSince(vmi: VirtualMachineInstance): number | undefined {
  const t = phaseEnteredAt(vmi, 'Running');
  if (t !== undefined) return t;
  const ready = conditionOf(vmi, 'Ready');
  if (isRunning(vmi) && ready?.status === 'True' && ready.lastTransitionTime) {
    const ms = Date.parse(ready.lastTransitionTime);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

/** How long the VMI ran (until it ended, or until now), or undefined if it never ran. */
export function ranForMs(vmi: VirtualMachineInstance, now: number): number | undefined {
  const since = runningSince(vmi);
  if (since === undefined) return undefined;
  const end = isFinal(vmi) ? (phaseEnteredAt(vmi, phaseOf(vmi)) ?? now) : now;
  return Math.max(0, end - since);
}

const ranLongEnough = (vmi: VirtualMachineInstance, now: number): boolean => (ranForMs(vmi, now) ?? 0) >= RESET_AFTER_MS;

/** A Failed VMI that never ran for RESET_AFTER_MS. */
export const failedEarly = (vmi: VirtualMachineInstance, now: number): boolean => phaseOf(vmi) === 'Failed' && !ranLongEnough(vmi, now);

/** The VM's next status.startFailure given the VMI seen now. */
export function nextStartFailure(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, now: number): StartFailure | undefined {
  const cur = vm.status?.startFailure;
  if (!RESTARTING_STRATEGIES.includes(effectiveRunStrategy(vm))) return undefined;
  if (vmi && ranLongEnough(vmi, now)) return undefined;
  if (vmi && failedEarly(vmi, now)) {
    if (cur?.lastFailedVMIUID === vmi.metadata.uid) return cur; // already counted
    const count = (cur?.consecutiveFailCount ?? 0) + 1;
    return {
      // One retry follows each counted failure.
      retries: count,
      consecutiveFailCount: count,
      lastFailedVMIUID: vmi.metadata.uid,
      retryAfterTimestamp: rfc3339(now + backoffSeconds(count) * 1000),
    };
  }
  return cur;
}

/** Milliseconds until the back-off allows the next start (0 when it allows it now). */
export function backoffLeftMs(vm: VirtualMachine, now: number): number {
  const at = vm.status?.startFailure?.retryAfterTimestamp;
  if (!at) return 0;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? 0 : Math.max(0, ms - now);
}

/** When a running VMI will have run long enough to clear a pending start failure (ms from now). */
export function resetCheckInMs(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, now: number): number | undefined {
  if (!vm.status?.startFailure || !vmi || !isRunning(vmi)) return undefined;
  const ran = ranForMs(vmi, now);
  return ran === undefined ? undefined : Math.max(0, RESET_AFTER_MS - ran);
}
