// kube-scheduler's FitError text: "0/3 nodes are available: 1 Insufficient memory, 2 node(s)
// didn't match Pod's node affinity/selector." — one count per distinct reason, the "count reason"
// strings sorted as strings (as Kubernetes does), each node counted once per reason.
import type { NodeVerdict } from './types.ts';

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

export function unschedulableMessage(verdicts: readonly NodeVerdict[]): string {
  if (verdicts.length === 0) return NO_NODES_MESSAGE;
  const counts = new Map<string, number>();
  for (const v of verdicts) for (const r of new Set(v.reasons)) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  const available = verdicts.filter((v) => v.reasons.length === 0).length;
  return `${available}/${verdicts.length} nodes are available${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
