// Delete VirtualMachine: which disks go with it and which stay. DataVolumes made from the VM's
// dataVolumeTemplates are owned by the VM, so deleting the VM deletes them (and their claims)
// through ownerReference GC; "Delete disks" unchecked first drops that ownership so they stay.
// Other claims and DataVolumes the VM only refers to are never deleted.
import type { VirtualMachine } from '../api/types.ts';

export interface DeletePlan {
  /** DataVolumes from dataVolumeTemplates: deleted with the VM unless kept. */
  owned: string[];
  /** Volumes the VM only refers to (PVCs, DataVolumes not from its templates): always kept. */
  referenced: string[];
}

export function deletePlan(vm: VirtualMachine): DeletePlan {
  const owned = (vm.spec?.dataVolumeTemplates ?? []).map((t) => t.metadata.name);
  const referenced = (vm.spec?.template?.spec?.volumes ?? []).flatMap((v) => {
    const n = v.dataVolume?.name ?? v.persistentVolumeClaim?.claimName;
    return n && !owned.includes(n) ? [n] : [];
  });
  return { owned, referenced };
}

/** The merge patch that makes a DataVolume outlive its VM (the VM is its only owner). */
export const orphanPatch = { metadata: { ownerReferences: null } } as const;
