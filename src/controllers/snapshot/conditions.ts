// KubeVirt's snapshot and restore conditions: a type, a status and a reason (no message); an entry
// is replaced only when its status or reason changes, so lastTransitionTime means what it says.
import type { Condition } from '../../machinery/object.ts';

export type ConditionType = 'Ready' | 'Progressing' | 'Failure';

export function setCondition(conditions: Condition[] | undefined, type: ConditionType, status: boolean, reason: string, now: string): Condition[] {
  const next: Condition = { type, status: status ? 'True' : 'False', reason, lastProbeTime: null, lastTransitionTime: now };
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === type);
  if (i < 0) list.push(next);
  else if (list[i].status !== next.status || list[i].reason !== reason) list[i] = next;
  return list;
}

export const hasCondition = (conditions: Condition[] | undefined, type: ConditionType, status = 'True') => !!conditions?.some((c) => c.type === type && c.status === status);

/** KubeVirt's timestamps: seconds, UTC. */
export const isoNow = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
