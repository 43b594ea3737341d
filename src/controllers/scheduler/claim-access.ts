// Access modes enforced at scheduling. A claim that only ReadWriteOnce allows is attached to one
// node at a time (Kubernetes' RWO is per node: VMIs on that node may share it); one that only
// ReadWriteOncePod allows is used by one VMI at all. ReadWriteMany and ReadOnlyMany claims are
// never restricted. Kubernetes lets such a pod be scheduled and then leaves it stuck on a
// Multi-Attach error; KubeVirt shows that launcher pod Pending — Vireo keeps the VMI Pending
// with the reason (claim, VMI and node) in its PodScheduled condition instead.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { isFinished } from './requests.ts';

type VMI = VirtualMachineInstance;
type Exclusive = 'ReadWriteOnce' | 'ReadWriteOncePod';

/** Access modes per claim, keyed "namespace/name". */
export type ClaimAccessModes = ReadonlyMap<string, readonly string[]>;

const claimKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** The modes a claim has: its bound volume's (status) once bound, else those it asks for. */
export function claimAccessModes(pvcs: readonly PersistentVolumeClaim[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const p of pvcs) {
    const modes = p.status?.accessModes?.length ? p.status.accessModes : (p.spec?.accessModes ?? []);
    out.set(claimKey(p.metadata.namespace, p.metadata.name ?? ''), modes);
  }
  return out;
}

/** The claims a VMI's volumes use; a dataVolume's claim has the DataVolume's name, as in CDI. */
export function vmiClaims(vmi: VMI): string[] {
  const names = (vmi.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name ?? v.ephemeral?.persistentVolumeClaim?.claimName);
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** How exclusive a claim with these modes is; undefined when it may be shared across nodes. */
export function exclusivity(modes: readonly string[]): Exclusive | undefined {
  if (modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany')) return undefined;
  if (modes.includes('ReadWriteOncePod')) return 'ReadWriteOncePod';
  return modes.includes('ReadWriteOnce') ? 'ReadWriteOnce' : undefined;
}

interface Holder {
  claim: string;
  mode: Exclusive;
  vmi: string;
  node: string;
}

/**
 * Who already holds each exclusive claim the VMI wants: other VMIs bound to a node and not
 * finished. The VMI itself never counts, so a migrating VMI is not blocked by its own use.
 */
export function claimHolders(vmi: VMI, vmis: readonly VMI[], modes: ClaimAccessModes | undefined): Holder[] {
  if (!modes) return [];
  const ns = vmi.metadata.namespace;
  const wanted = new Map<string, Exclusive>();
  for (const c of vmiClaims(vmi)) {
    const mode = exclusivity(modes.get(claimKey(ns, c)) ?? []);
    if (mode) wanted.set(c, mode);
  }
  if (wanted.size === 0) return [];
  const holders: Holder[] = [];
  for (const other of vmis) {
    const node = other.status?.nodeName;
    if (other.metadata.uid === vmi.metadata.uid || other.metadata.namespace !== ns || !node || isFinished(other)) continue;
    for (const c of vmiClaims(other)) {
      const mode = wanted.get(c);
      if (mode) holders.push({ claim: c, mode, vmi: other.metadata.name ?? '', node });
    }
  }
  return holders.sort((a, b) => a.claim.localeCompare(b.claim) || a.vmi.localeCompare(b.vmi));
}

/** Why `node` cannot take the VMI given the claims' holders, or undefined when it can. */
export function claimConflict(node: string, holders: readonly Holder[]): string | undefined {
  const h = holders.find((x) => x.mode === 'ReadWriteOncePod' || x.node !== node);
  if (!h) return undefined;
  return `node(s) can't use ${h.mode} PersistentVolumeClaim "${h.claim}": VMI ${h.vmi} uses it on node ${h.node}`;
}
