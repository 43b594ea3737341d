// Inter-pod affinity and anti-affinity between VMIs and what already runs. What runs is the
// launcher Pods plus the VMIs already bound to a node: a VMI bound a moment ago has no launcher
// Pod yet, and anti-affinity must see it all the same. A launcher Pod of a VMI that is itself
// counted is skipped, so no workload counts twice.
import type { Affinity } from '../../api/common/scheduling.ts';
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { labelSelectorMatcher } from '../../machinery/selectors.ts';
import { REASON } from './reasons.ts';
import { isFinished } from './requests.ts';
import type { FilterOptions, Labels } from './types.ts';

type PodAffinityTerm = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];

/** Something running on a node that affinity terms can select. */
export interface Workload {
  namespace: string;
  labels: Labels;
  nodeName: string;
  affinity?: Affinity;
}

export const CREATED_BY_LABEL = 'kubevirt.io/created-by';

export function collectWorkloads(pods: readonly Pod[], vmis: readonly VirtualMachineInstance[], exceptUid?: string): Workload[] {
  const out: Workload[] = [];
  const counted = new Set<string>();
  for (const vmi of vmis) {
    const nodeName = vmi.status?.nodeName;
    if (!nodeName || isFinished(vmi) || vmi.metadata.uid === exceptUid) continue;
    if (vmi.metadata.uid) counted.add(vmi.metadata.uid);
    out.push({ namespace: vmi.metadata.namespace ?? 'default', labels: vmi.metadata.labels ?? {}, nodeName, affinity: vmi.spec?.affinity });
  }
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    const phase = pod.status?.phase;
    if (!nodeName || phase === 'Succeeded' || phase === 'Failed') continue;
    const owner = pod.metadata.labels?.[CREATED_BY_LABEL];
    if (owner && (counted.has(owner) || owner === exceptUid)) continue;
    out.push({ namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {}, nodeName, affinity: pod.spec?.affinity as Affinity | undefined });
  }
  return out;
}

/** Whether the term selects a workload in `namespace` with `labels`; `ownNamespace` is the term owner's. */
export function termSelects(term: PodAffinityTerm, ownNamespace: string, opts: FilterOptions, namespace: string, labels: Labels): boolean {
  if (!term.labelSelector) return false; // a nil selector selects nothing, as in Kubernetes
  const listed = term.namespaces ?? [];
  let nsOk: boolean;
  if (!term.namespaceSelector && listed.length === 0) nsOk = namespace === ownNamespace;
  else nsOk = listed.includes(namespace) || (term.namespaceSelector !== undefined && labelSelectorMatcher(term.namespaceSelector)(opts.namespaceLabels?.get(namespace) ?? {}));
  return nsOk && labelSelectorMatcher(term.labelSelector)(labels);
}

/** Topology lookups: the value of `key` on the node a workload runs on. */
export class Topology {
  private labels = new Map<string, Labels>();
  constructor(nodes: readonly Node[]) {
    for (const n of nodes) this.labels.set(n.metadata.name ?? '', n.metadata.labels ?? {});
  }
  value(nodeName: string, key: string): string | undefined {
    return this.labels.get(nodeName)?.[key];
  }
  /** Whether `node` and the node `other` are in the same domain of `key` (both must carry it). */
  same(node: Node, other: string, key: string): boolean {
    const v = node.metadata.labels?.[key];
    return v !== undefined && this.value(other, key) === v;
  }
}

/** The reason the node breaks a required (anti-)affinity rule, or undefined. */
export function podAffinityMismatch(vmi: VirtualMachineInstance, node: Node, workloads: readonly Workload[], topo: Topology, opts: FilterOptions): string | undefined {
  const ns = vmi.metadata.namespace ?? 'default';
  const own = vmi.metadata.labels ?? {};
  const affinity = vmi.spec?.affinity;
  const required = affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (required.length > 0) {
    // As kube-scheduler: only workloads matching every term count, and a VMI that matches its own
    // terms may go anywhere while none exist (the first of a group that wants to be together).
    const counted = workloads.filter((w) => required.every((t) => termSelects(t, ns, opts, w.namespace, w.labels)));
    if (required.some((t) => node.metadata.labels?.[t.topologyKey] === undefined)) return REASON.podAffinity;
    const satisfied = required.every((t) => counted.some((w) => topo.same(node, w.nodeName, t.topologyKey)));
    const first = counted.length === 0 && required.every((t) => termSelects(t, ns, opts, ns, own));
    if (!satisfied && !first) return REASON.podAffinity;
  }
  for (const t of affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (workloads.some((w) => topo.same(node, w.nodeName, t.topologyKey) && termSelects(t, ns, opts, w.namespace, w.labels))) return REASON.podAntiAffinity;
  }
  for (const w of workloads) {
    for (const t of w.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (topo.same(node, w.nodeName, t.topologyKey) && termSelects(t, w.namespace, opts, ns, own)) return REASON.existingAntiAffinity;
    }
  }
  return undefined;
}

/** Preferred terms: +weight per matching workload in the node's domain, minus for anti-affinity. */
export function preferredPodAffinityScore(vmi: VirtualMachineInstance, node: Node, workloads: readonly Workload[], topo: Topology, opts: FilterOptions): number {
  const ns = vmi.metadata.namespace ?? 'default';
  const affinity = vmi.spec?.affinity;
  let score = 0;
  const add = (terms: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined, sign: number) => {
    for (const { weight, podAffinityTerm: t } of terms ?? []) {
      for (const w of workloads) {
        if (topo.same(node, w.nodeName, t.topologyKey) && termSelects(t, ns, opts, w.namespace, w.labels)) score += sign * weight;
      }
    }
  };
  add(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1);
  add(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1);
  return score;
}
