// The PersistentVolume the provisioner makes for a claim. Pure, so the exact object is unit-tested.
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { StorageClass } from '../../api/storage/storageclass.ts';
import { PROVISIONED_BY_ANNOTATION, PROVISIONER_LOCAL, VOLUME_CLEANUP_FINALIZER } from './protocol.ts';

export interface Placement {
  /** local: the node holding the volume, and its volume root. */
  node?: string;
  /** The directory the volume's directory goes into (volume root or shared root). */
  root: string;
}

export function pvNameFor(pvc: PersistentVolumeClaim): string {
  return `pvc-${pvc.metadata.uid}`;
}

export function buildPv(pvc: PersistentVolumeClaim, sc: StorageClass, where: Placement): PersistentVolume {
  const name = pvNameFor(pvc);
  const path = `${where.root.replace(/\/+$/, '')}/${name}`;
  const local = sc.provisioner === PROVISIONER_LOCAL;
  if (local && !where.node) throw new Error(`claim ${pvc.metadata.namespace}/${pvc.metadata.name}: a local volume needs a node`);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [PROVISIONED_BY_ANNOTATION]: sc.provisioner },
      finalizers: [VOLUME_CLEANUP_FINALIZER],
    },
    spec: {
      capacity: { storage: String(pvc.spec?.resources?.requests?.storage ?? '') },
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      storageClassName: sc.metadata.name,
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: pvc.metadata.namespace,
        name: pvc.metadata.name,
        uid: pvc.metadata.uid,
      },
      ...(local
        ? {
            local: { path },
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [where.node!] }] }] } },
          }
        : { hostPath: { path, type: 'DirectoryOrCreate' as const } }),
    },
  };
}

/** The node a local PV lives on, from its node affinity. */
export function pvNode(pv: PersistentVolume): string | undefined {
  for (const t of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of t.matchExpressions ?? []) if (e.key === 'kubernetes.io/hostname' && e.operator === 'In') return e.values?.[0];
  }
  return undefined;
}
