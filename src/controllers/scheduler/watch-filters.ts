// What in a watched object can change a scheduling decision. Node heartbeats and VMI status churn
// (IPs, guest info) arrive every few seconds; comparing these fingerprints keeps them from
// re-evaluating every pending VMI each time (the periodic resync still does, as a backstop).
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';

export function nodeMaterial(n: Node): string {
  const conditions = (n.status?.conditions ?? []).map((c) => [c.type, c.status]);
  return JSON.stringify([n.metadata.labels, n.spec, n.status?.capacity, n.status?.allocatable, conditions]);
}

export function podMaterial(p: Pod): string {
  return JSON.stringify([p.metadata.labels, p.spec?.nodeName, p.status?.phase, p.spec?.affinity]);
}

export function vmiMaterial(v: VirtualMachineInstance): string {
  return JSON.stringify([v.metadata.labels, v.status?.nodeName, v.status?.phase, v.metadata.deletionTimestamp !== undefined]);
}

/** A claim matters to scheduling only through its access modes. */
export function claimMaterial(p: PersistentVolumeClaim): string {
  return JSON.stringify([p.spec?.accessModes, p.status?.accessModes]);
}
