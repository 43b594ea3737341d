// Where a migrating VMI may go: the scheduler's own filter and ranking (resources, selectors,
// affinity, taints, CPU model), plus the migration's addedNodeSelector, never the source node and
// only Ready nodes. Pure, so the rules are tested without a cluster.
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { filterNodes } from '../scheduler/filter.ts';
import { unschedulableMessage } from '../scheduler/message.ts';
import { rankNodes } from '../scheduler/score.ts';
import type { FilterOptions } from '../scheduler/types.ts';

export type TargetChoice = { node: string } | { error: string };

function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function chooseTarget(
  vmi: VirtualMachineInstance,
  addedNodeSelector: Record<string, string> | undefined,
  nodes: readonly Node[],
  pods: readonly Pod[],
  vmis: readonly VirtualMachineInstance[],
  opts: FilterOptions = {},
): TargetChoice {
  const source = vmi.status?.nodeName;
  const candidates = nodes.filter((n) => n.metadata.name !== source);
  if (candidates.length === 0) return { error: `no node other than the source node ${source} exists` };
  // The added selector applies on top of the VMI's own rules and can never loosen them.
  const added = Object.entries(addedNodeSelector ?? {});
  const verdicts = filterNodes(vmi, candidates, pods, vmis, opts).map((v) => {
    const node = candidates.find((n) => n.metadata.name === v.node);
    if (!node || v.reasons.length > 0) return v;
    if (added.some(([k, val]) => node.metadata.labels?.[k] !== val)) return { ...v, reasons: ["node(s) didn't match the migration's addedNodeSelector"] };
    return isReady(node) ? v : { ...v, reasons: ['node(s) were not ready'] };
  });
  const fit = new Set(verdicts.filter((v) => v.reasons.length === 0).map((v) => v.node));
  if (fit.size === 0) return { error: unschedulableMessage(verdicts) };
  const [best] = rankNodes(vmi, candidates.filter((n) => fit.has(n.metadata.name ?? '')), nodes, pods, vmis, opts);
  return { node: best!.node };
}
