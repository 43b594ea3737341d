// The VirtualMachineSnapshotContent a snapshot creates, with the backup request that tells the
// node agents what to copy (protocol.ts). Pure, so the exact object is unit-tested.
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshot, VirtualMachineSnapshotContent, VolumeBackup } from '../../api/snapshot/index.ts';
import { SNAPSHOT_API_VERSION } from '../../api/snapshot/index.ts';
import type { ObjectMeta } from '../../machinery/object.ts';
import { PROVISIONED_BY_ANNOTATION, PROVISIONER_LOCAL, PROVISIONER_SHARED, SELECTED_NODE_ANNOTATION } from '../storage/protocol.ts';
import { pvNode } from '../storage/pv-build.ts';
import { BACKUP_REQUEST_ANNOTATION, FILES_FINALIZER, type BackupRequest, type BackupVolume } from './protocol.ts';

/** KubeVirt's names. */
export const contentNameFor = (snap: VirtualMachineSnapshot) => snap.status?.virtualMachineSnapshotContentName ?? `vmsnapshot-content-${snap.metadata.uid}`;
export const volumeSnapshotName = (snapUid: string, volumeName: string) => `vmsnapshot-${snapUid}-volume-${volumeName}`;

/** The VM's volumes backed by a claim (a DataVolume's claim has the DataVolume's name). */
export function claimVolumes(vm: VirtualMachine): { volumeName: string; claimName: string }[] {
  return (vm.spec?.template?.spec?.volumes ?? []).flatMap((v) => {
    const claimName = v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name;
    return claimName ? [{ volumeName: v.name, claimName }] : [];
  });
}

export interface Claim {
  volumeName: string;
  pvc: PersistentVolumeClaim;
  pv: PersistentVolume;
}

/** Only volumes of Vireo's own classes have files a node agent can copy. */
export function copyable(pv: PersistentVolume): boolean {
  const by = pv.metadata.annotations?.[PROVISIONED_BY_ANNOTATION];
  return by === PROVISIONER_LOCAL || by === PROVISIONER_SHARED;
}

/** Metadata as KubeVirt keeps it in a content: everything but managedFields. */
function simplified(m: ObjectMeta): ObjectMeta {
  const { managedFields: _m, ...rest } = m;
  return structuredClone(rest);
}

/**
 * Who copies each volume: the node running the guest when it runs (the copy goes through its
 * QEMU); otherwise the node holding a local volume, or for a shared one the node the claim was
 * populated on (`fallbackNode` when it names none).
 */
export function backupRequest(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, claims: Claim[], fallbackNode: string | undefined): BackupRequest | string {
  const running = vmi?.status?.nodeName;
  const volumes: BackupVolume[] = [];
  for (const c of claims) {
    const shared = c.pv.metadata.annotations?.[PROVISIONED_BY_ANNOTATION] === PROVISIONER_SHARED;
    const node = running ?? (shared ? (c.pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION] ?? fallbackNode) : pvNode(c.pv));
    if (!node) return `no node can copy volume ${c.volumeName} (claim ${c.pvc.metadata.name})`;
    volumes.push({ volumeName: c.volumeName, claimName: c.pvc.metadata.name!, pvName: c.pv.metadata.name!, node, shared });
  }
  const online = vmi && running ? { node: running, vmiName: vmi.metadata.name!, vmiUid: vmi.metadata.uid! } : undefined;
  return { ...(online ? { online } : {}), volumes };
}

export function buildContent(snap: VirtualMachineSnapshot, vm: VirtualMachine, claims: Claim[], request: BackupRequest): VirtualMachineSnapshotContent {
  const volumeBackups: VolumeBackup[] = claims.map((c) => ({
    volumeName: c.volumeName,
    persistentVolumeClaim: { metadata: simplified(c.pvc.metadata), spec: structuredClone(c.pvc.spec ?? {}) },
    volumeSnapshotName: volumeSnapshotName(snap.metadata.uid!, c.volumeName),
  }));
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'VirtualMachineSnapshotContent',
    metadata: {
      name: contentNameFor(snap),
      namespace: snap.metadata.namespace,
      annotations: { [BACKUP_REQUEST_ANNOTATION]: JSON.stringify(request) },
      finalizers: [FILES_FINALIZER],
    },
    spec: {
      virtualMachineSnapshotName: snap.metadata.name,
      source: { virtualMachine: { metadata: simplified(vm.metadata), spec: structuredClone(vm.spec!), status: {} } },
      volumeBackups,
    },
  };
}
