// A VirtualMachineClone's status steps with KubeVirt's conditions (Ready, Progressing): "Still
// processing" while it works, "Ready" when Succeeded, "Failed" (with the message why) when Failed.
// Pure, so each step is unit-tested.
import type { ClonePhase, CloneStatus, VirtualMachineClone } from '../../api/clone/index.ts';
import type { Condition } from '../../machinery/object.ts';
import { isoNow } from '../snapshot/conditions.ts';

type CondType = 'Ready' | 'Progressing';

/** An entry is replaced only when it changes, so lastTransitionTime means what it says. */
function setCondition(list: Condition[] | undefined, type: CondType, status: boolean, reason: string, message: string | undefined, now: string): Condition[] {
  const next: Condition = { type, status: status ? 'True' : 'False', reason, ...(message ? { message } : {}), lastProbeTime: null, lastTransitionTime: now };
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === type);
  if (i < 0) out.push(next);
  else if (out[i].status !== next.status || out[i].reason !== reason || out[i].message !== next.message) out[i] = next;
  return out;
}

function conditions(s: CloneStatus, progressing: boolean, ready: boolean, reason: string, message: string | undefined, nowMs: number): Condition[] {
  const now = isoNow(nowMs);
  return setCondition(setCondition(s.conditions, 'Progressing', progressing, reason, message, now), 'Ready', ready, reason, message, now);
}

export const isDone = (c: VirtualMachineClone) => c.status?.phase === 'Succeeded' || c.status?.phase === 'Failed';

/** The clone is under way in `phase`; `names` records the objects it made or uses. */
export function phaseStatus(s: CloneStatus, phase: ClonePhase, names: Pick<CloneStatus, 'snapshotName' | 'restoreName' | 'targetName'>, nowMs: number): CloneStatus {
  return { ...s, ...names, phase, creationTimestamp: s.creationTimestamp ?? isoNow(nowMs), conditions: conditions(s, true, false, 'Still processing', undefined, nowMs) };
}

/** KubeVirt forgets the temporary snapshot and restore once they are gone. */
export function succeededStatus(s: CloneStatus, nowMs: number): CloneStatus {
  const { snapshotName: _s, restoreName: _r, ...rest } = s;
  return { ...rest, phase: 'Succeeded', conditions: conditions(s, false, true, 'Ready', undefined, nowMs) };
}

export function failedStatus(s: CloneStatus, message: string, nowMs: number): CloneStatus {
  return { ...s, phase: 'Failed', creationTimestamp: s.creationTimestamp ?? isoNow(nowMs), conditions: conditions(s, false, false, 'Failed', message, nowMs) };
}

/** The message of a failed clone (the Ready condition's). */
export const failureMessage = (c: VirtualMachineClone) => c.status?.conditions?.find((x) => x.type === 'Ready')?.message;
