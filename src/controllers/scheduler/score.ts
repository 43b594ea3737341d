// Ranking of the nodes that passed the filters: the sum of preferred node affinity and preferred
// pod (anti-)affinity weights first, then fewer untolerated PreferNoSchedule taints, then the node
// whose memory would be least allocated, then the name, so equal clusters give equal answers.
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { preferredNodeAffinityScore } from './node-affinity.ts';
import { collectWorkloads, preferredPodAffinityScore, Topology } from './pod-affinity.ts';
import { nodeAllocatable, usageByNode, vmiRequests } from './requests.ts';
import { countUntolerated } from './taints.ts';
import type { FilterOptions } from './types.ts';

export interface NodeScore {
  node: string;
  /** Preferred node affinity + pod affinity − pod anti-affinity weights. */
  preference: number;
  /** Untolerated PreferNoSchedule taints. */
  softTaints: number;
  /** Share of the node's allocatable memory in use once the VMI is placed there. */
  memoryFraction: number;
}

/** Scores for `feasible` (a subset of `nodes`), best first. */
export function rankNodes(
  vmi: VirtualMachineInstance,
  feasible: readonly Node[],
  nodes: readonly Node[],
  pods: readonly Pod[],
  vmis: readonly VirtualMachineInstance[],
  opts: FilterOptions = {},
): NodeScore[] {
  const memory = vmiRequests(vmi).get('memory') ?? 0;
  const usage = usageByNode(vmis.filter((v) => v.metadata.uid !== vmi.metadata.uid));
  const workloads = collectWorkloads(pods, vmis, vmi.metadata.uid);
  const topo = new Topology(nodes);
  const scores = feasible.map((node): NodeScore => {
    const name = node.metadata.name ?? '';
    const total = nodeAllocatable(node).get('memory') ?? 0;
    const used = (usage.get(name)?.get('memory') ?? 0) + memory;
    return {
      node: name,
      preference: preferredNodeAffinityScore(vmi, node) + preferredPodAffinityScore(vmi, node, workloads, topo, opts),
      softTaints: countUntolerated(node, vmi.spec?.tolerations, 'PreferNoSchedule'),
      memoryFraction: total > 0 ? used / total : Number.POSITIVE_INFINITY,
    };
  });
  return scores.sort(
    (a, b) => b.preference - a.preference || a.softTaints - b.softTaints || a.memoryFraction - b.memoryFraction || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}
