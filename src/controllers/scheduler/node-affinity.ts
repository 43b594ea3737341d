// spec.nodeSelector and node affinity: required terms are ORed, the expressions inside one term are
// ANDed; matchExpressions look at the node's labels, matchFields at metadata.name (the only node
// field Kubernetes supports there).
import type { Affinity } from '../../api/common/scheduling.ts';
import type { Node } from '../../api/core/node.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { labelSelectorMatcher } from '../../machinery/selectors.ts';

type NodeSelectorTerm = NonNullable<NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']>[number];

/** A term with no requirements at all matches no node, as in Kubernetes. Invalid terms throw SelectorError. */
export function nodeMatchesTerm(node: Node, term: NodeSelectorTerm): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (exprs.length > 0 && !labelSelectorMatcher({ matchExpressions: exprs })(node.metadata.labels ?? {})) return false;
  if (fields.some((f) => f.key !== 'metadata.name')) return false;
  return fields.length === 0 || labelSelectorMatcher({ matchExpressions: fields })({ 'metadata.name': node.metadata.name ?? '' });
}

/** nodeSelector (every pair) and the required node affinity (any term). */
export function matchesNodeSelectorAndAffinity(vmi: VirtualMachineInstance, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(vmi.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = vmi.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => nodeMatchesTerm(node, t));
}

/** Sum of the weights of the preferred node affinity terms the node matches. */
export function preferredNodeAffinityScore(vmi: VirtualMachineInstance, node: Node): number {
  let score = 0;
  for (const p of vmi.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (nodeMatchesTerm(node, p.preference)) score += p.weight;
  }
  return score;
}
