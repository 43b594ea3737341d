// The temporary snapshot and restore a clone makes (KubeVirt's names: tmp-snapshot-<clone uid>,
// tmp-restore-<clone uid>, so a second pass finds them instead of making new ones), owned by the
// clone so they go with it.
import { CLONE_API_VERSION, type VirtualMachineClone } from '../../api/clone/index.ts';
import { SNAPSHOT_API_VERSION, type VirtualMachineRestore, type VirtualMachineSnapshot } from '../../api/snapshot/index.ts';
import type { OwnerReference } from '../../machinery/object.ts';

export const snapshotNameFor = (c: VirtualMachineClone) => `tmp-snapshot-${c.metadata.uid}`;
export const restoreNameFor = (c: VirtualMachineClone) => `tmp-restore-${c.metadata.uid}`;

const ownedBy = (c: VirtualMachineClone): OwnerReference => ({ apiVersion: CLONE_API_VERSION, kind: 'VirtualMachineClone', name: c.metadata.name!, uid: c.metadata.uid!, controller: true, blockOwnerDeletion: true });

export function cloneSnapshot(c: VirtualMachineClone): VirtualMachineSnapshot {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'VirtualMachineSnapshot',
    metadata: { name: snapshotNameFor(c), namespace: c.metadata.namespace, ownerReferences: [ownedBy(c)] },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: c.spec!.source.name } },
  };
}

export function cloneRestore(c: VirtualMachineClone, snapshotName: string, target: string, patches: string[]): VirtualMachineRestore {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'VirtualMachineRestore',
    metadata: { name: restoreNameFor(c), namespace: c.metadata.namespace, ownerReferences: [ownedBy(c)] },
    spec: { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: target }, virtualMachineSnapshotName: snapshotName, ...(patches.length ? { patches } : {}) },
  };
}

/** The object is this clone's own (not a snapshot the user named as the source). */
export const ownedByClone = (o: { metadata: { ownerReferences?: OwnerReference[] } }, c: VirtualMachineClone) => !!o.metadata.ownerReferences?.some((r) => r.uid === c.metadata.uid);
