// Which nodes can take a VMI, and why the others cannot: one verdict per node, checks in
// kube-scheduler's plugin order (unschedulable, taints, node affinity, CPU, resources, volume
// access modes, pod affinity). A node stops at its first failing check, except that every short resource is named.
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { claimConflict, claimHolders } from './claim-access.ts';
import { cpuMismatch } from './cpu-model.ts';
import { matchesNodeSelectorAndAffinity } from './node-affinity.ts';
import { collectWorkloads, podAffinityMismatch, Topology } from './pod-affinity.ts';
import { insufficient, REASON, untoleratedTaint } from './reasons.ts';
import { insufficientResources, nodeAllocatable, usageByNode, vmiRequests } from './requests.ts';
import { firstUntolerated, tolerates } from './taints.ts';
import type { FilterOptions, NodeVerdict } from './types.ts';

export const SCHEDULABLE_LABEL = 'kubevirt.io/schedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/**
 * Verdicts for every node. `vmis` are all VMIs (those bound and unfinished use their node's
 * resources and count for pod affinity); `pods` are the launcher Pods. Throws SelectorError when
 * the VMI's own selectors are invalid.
 */
export function filterNodes(
  vmi: VirtualMachineInstance,
  nodes: readonly Node[],
  pods: readonly Pod[],
  vmis: readonly VirtualMachineInstance[],
  opts: FilterOptions = {},
): NodeVerdict[] {
  const want = vmiRequests(vmi);
  const usage = usageByNode(vmis.filter((v) => v.metadata.uid !== vmi.metadata.uid));
  const workloads = collectWorkloads(pods, vmis, vmi.metadata.uid);
  const topo = new Topology(nodes);
  const holders = claimHolders(vmi, vmis, opts.claimAccessModes);
  const tolerations = vmi.spec?.tolerations ?? [];
  return nodes.map((node) => {
    const name = node.metadata.name ?? '';
    const reasons = ((): string[] => {
      // A cordoned node still takes what tolerates its unschedulable taint (as for DaemonSets).
      if (node.spec?.unschedulable && !tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return [REASON.unschedulable];
      const taint = firstUntolerated(node, tolerations, ['NoSchedule', 'NoExecute']);
      if (taint) return [untoleratedTaint(taint.key, taint.value)];
      if (node.metadata.labels?.[SCHEDULABLE_LABEL] === 'false' || !matchesNodeSelectorAndAffinity(vmi, node)) return [REASON.nodeSelector];
      const cpu = cpuMismatch(vmi, node, opts.defaultCPUModel);
      if (cpu) return [cpu];
      const short = insufficientResources(want, nodeAllocatable(node), usage.get(name));
      if (short.length > 0) return short.map(insufficient);
      const claim = claimConflict(name, holders);
      if (claim) return [claim];
      const affinity = podAffinityMismatch(vmi, node, workloads, topo, opts);
      return affinity ? [affinity] : [];
    })();
    return { node: name, reasons };
  });
}
