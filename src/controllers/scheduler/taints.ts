// Taints and tolerations, as Kubernetes matches them. A node whose Ready condition is not True
// carries the taint the node lifecycle controller would add, so the outcome (and the message) is
// what a Kubernetes user expects — and a VMI tolerating it may still land there.
import type { Toleration } from '../../api/common/scheduling.ts';
import type { Node } from '../../api/core/node.ts';
import type { Taint } from './types.ts';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/** k8s.io/api/core/v1 Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== taint.key) return !t.key && t.operator === 'Exists';
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** spec.taints plus not-ready (Ready False) or unreachable (Ready Unknown or missing), NoSchedule. */
export function effectiveTaints(node: Node): Taint[] {
  const taints = [...(node.spec?.taints ?? [])];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    const key = ready?.status === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    if (!taints.some((t) => t.key === key && t.effect === 'NoSchedule')) taints.push({ key, effect: 'NoSchedule' });
  }
  return taints;
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function firstUntolerated(node: Node, tolerations: readonly Toleration[] | undefined, effects: readonly string[]): Taint | undefined {
  return effectiveTaints(node).find((taint) => effects.includes(taint.effect) && !(tolerations ?? []).some((t) => tolerates(t, taint)));
}

export function countUntolerated(node: Node, tolerations: readonly Toleration[] | undefined, effect: string): number {
  return effectiveTaints(node).filter((taint) => taint.effect === effect && !(tolerations ?? []).some((t) => tolerates(t, taint))).length;
}
