// A VirtualMachineRestore's status steps and KubeVirt's words for them, including what to do while
// the target VM still runs (its targetReadinessPolicy). Pure.
import type { RestoreStatus, VirtualMachineRestore } from '../../api/snapshot/index.ts';
import { hasCondition, isoNow, setCondition } from './conditions.ts';

export const GRACE_PERIOD_MS = 5 * 60_000;
export const VMI_EXISTS_EVENT = 'Restore target VMI still exists, please stop the restore target to proceed with restore';
export const WAIT_EVENTUALLY = 'Waiting for target VM to be powered off. Please stop the restore target to proceed with restore';
export const WAIT_GRACE_PERIOD = 'Waiting for target VM to be powered off. Please stop the restore target to proceed with restore, or the operation will fail after 5m0s';
export const GRACE_PERIOD_EXCEEDED = 'Restore target failed to be ready within 5m0s. Please power off the target VM before attempting restore';
export const TARGET_NOT_READY = 'Restore target VMI must be powered off before restore operation';
export const STOP_TARGET = 'Automatically stopping restore target for restore operation';
export const EXISTING_TARGET = 'restore source and restore target are different but restore target already exists';

export const isComplete = (r: VirtualMachineRestore) => r.status?.complete === true;
export const isFailed = (r: VirtualMachineRestore) => hasCondition(r.status?.conditions, 'Failure');

function step(s: RestoreStatus, progressing: boolean, progressingReason: string, ready: boolean, readyReason: string, nowMs: number): RestoreStatus {
  const now = isoNow(nowMs);
  return { ...s, conditions: setCondition(setCondition(s.conditions, 'Progressing', progressing, progressingReason, now), 'Ready', ready, readyReason, now) };
}

export const initialStatus = (nowMs: number): RestoreStatus => step({ complete: false }, true, 'Initializing VirtualMachineRestore', false, 'Initializing VirtualMachineRestore', nowMs);

export const progressStatus = (s: RestoreStatus, progressingReason: string, readyReason: string, nowMs: number) => step(s, true, progressingReason, false, readyReason, nowMs);

/** KubeVirt's doUpdateError: both conditions carry the message; with `fail` the restore is over. */
export function errorStatus(s: RestoreStatus, message: string, fail: boolean, nowMs: number): RestoreStatus {
  const out = step(s, false, message, false, message, nowMs);
  return fail ? { ...out, conditions: setCondition(out.conditions, 'Failure', true, message, isoNow(nowMs)) } : out;
}

export function completeStatus(s: RestoreStatus, nowMs: number): RestoreStatus {
  return { ...step(s, false, 'Operation complete', true, 'Operation complete', nowMs), complete: true, restoreTime: isoNow(nowMs) };
}

export type NotReadyAction = { kind: 'wait'; reason: string } | { kind: 'fail'; reason: string } | { kind: 'stop' };

/** What the target's readiness policy says to do while its VMI exists. */
export function notReadyAction(r: VirtualMachineRestore, nowMs: number): NotReadyAction {
  switch (r.spec?.targetReadinessPolicy ?? 'WaitGracePeriod') {
    case 'WaitEventually':
      return { kind: 'wait', reason: WAIT_EVENTUALLY };
    case 'StopTarget':
      return { kind: 'stop' };
    case 'FailImmediate':
      return { kind: 'fail', reason: TARGET_NOT_READY };
    case 'WaitGracePeriod': {
      const deadline = Date.parse(String(r.metadata.creationTimestamp)) + GRACE_PERIOD_MS;
      return nowMs > deadline ? { kind: 'fail', reason: GRACE_PERIOD_EXCEEDED } : { kind: 'wait', reason: WAIT_GRACE_PERIOD };
    }
  }
}
