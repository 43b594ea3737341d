// The storage contract between the control plane and the node agents, carried on API objects
// only (annotations and finalizers), so both sides agree on names. Pure constants and types: the
// node side imports this file, nothing else from the controllers.

export const PROVISIONER_LOCAL = 'vireo.io/local';
export const PROVISIONER_SHARED = 'vireo.io/shared';

/** Node annotation: where this node's agent keeps local volumes (`<dataDir>/volumes`). */
export const VOLUME_ROOT_ANNOTATION = 'vireo.io/volume-root';
/** Node annotation: where this node mounts the shared class's directory (`<dataDir>/shared`). */
export const SHARED_ROOT_ANNOTATION = 'vireo.io/shared-root';

/** Kubernetes' own annotation: the node a WaitForFirstConsumer claim is to be provisioned on. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
/** Set on claims the provisioner handles, as the external-provisioner does. */
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
/** On PVs: who provisioned it (Kubernetes' pv.kubernetes.io/provisioned-by). */
export const PROVISIONED_BY_ANNOTATION = 'pv.kubernetes.io/provisioned-by';

/** On provisioned PVs until the node agent has removed the volume's files. */
export const VOLUME_CLEANUP_FINALIZER = 'vireo.io/volume-cleanup';

/**
 * On a DataVolume's PVC, written by the DataVolume controller: what to put in the volume (JSON
 * of PopulateRequest). Its presence also tells the node not to create an empty disk.img.
 */
export const POPULATE_REQUEST_ANNOTATION = 'vireo.io/populate-request';
/**
 * On the same PVC, written only by the node agent doing the work; the DataVolume controller
 * mirrors them into the DataVolume's status (one writer per object: the controller owns DV status).
 */
export const POPULATE_PHASE_ANNOTATION = 'vireo.io/populate-phase';
export const POPULATE_PROGRESS_ANNOTATION = 'vireo.io/populate-progress';
export const POPULATE_MESSAGE_ANNOTATION = 'vireo.io/populate-message';
export const POPULATE_RESTARTS_ANNOTATION = 'vireo.io/populate-restarts';

/**
 * Node-side population phases (CDI's importer pod phases, in words the DV controller maps).
 * `Ready` is an upload target waiting for its data (CDI's upload server pod running and ready).
 */
export type PopulatePhase = 'Ready' | 'Running' | 'Succeeded' | 'Failed';

/** CDI's PVC annotation for an upload target (virtctl sets it on `image-upload pvc` claims). */
export const UPLOAD_TARGET_ANNOTATION = 'cdi.kubevirt.io/storage.upload.target';
/** CDI's "bind now, ignore WaitForFirstConsumer" request (virtctl's --force-bind). */
export const FORCE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';
/** CDI's upload pod phase and readiness on the claim, mirrored for virtctl, which polls them. */
export const CDI_POD_PHASE_ANNOTATION = 'cdi.kubevirt.io/storage.pod.phase';
export const CDI_POD_READY_ANNOTATION = 'cdi.kubevirt.io/storage.pod.ready';
/**
 * CDI's preallocation annotations on the claim: requested (from the DataVolume's
 * `spec.preallocation`, set by its controller) and applied (set by whoever populated the volume
 * once disk.img is fully allocated). CDI reports preallocation only there: DataVolumes have no
 * Preallocation condition.
 */
export const PREALLOCATION_REQUESTED_ANNOTATION = 'cdi.kubevirt.io/storage.preallocation.requested';
export const PREALLOCATION_APPLIED_ANNOTATION = 'cdi.kubevirt.io/storage.preallocation';

export interface HttpPopulate {
  kind: 'http';
  url: string;
  secretRef?: string;
  certConfigMap?: string;
  extraHeaders?: string[];
  /** CDI's `algorithm:hex` (src/api/cdi/checksum.ts), verified over the bytes as downloaded. */
  checksum?: string;
}
export interface RegistryPopulate {
  kind: 'registry';
  /** docker://host[:port]/repo[:tag|@digest] */
  url: string;
  secretRef?: string;
  certConfigMap?: string;
}
export interface BlankPopulate {
  kind: 'blank';
}
export interface ClonePopulate {
  kind: 'clone';
  namespace: string;
  name: string;
}
/** The data arrives through the upload endpoint (src/controlplane/upload/), not from a source. */
export interface UploadPopulate {
  kind: 'upload';
}
/** A restore: the copy a VM snapshot keeps of one volume (src/controllers/snapshot/protocol.ts). */
export interface SnapshotPopulate {
  kind: 'snapshot';
  contentUid: string;
  volumeName: string;
  /** The copy is under the shared root, else under the selected node's volume root. */
  shared: boolean;
}
export type PopulateRequest = HttpPopulate | RegistryPopulate | BlankPopulate | ClonePopulate | UploadPopulate | SnapshotPopulate;

/** CDI's default filesystem overhead: the share of a Filesystem volume kept free for the filesystem. */
export const FILESYSTEM_OVERHEAD = 0.055;
const MiB = 1024 * 1024;

/**
 * Size of disk.img in a Filesystem volume of `capacity` bytes: the capacity minus the overhead,
 * rounded down to a MiB (CDI's GetUsableSpace aligns too) so qemu accepts it as a disk size.
 */
export function usableBytes(capacity: number, volumeMode: string | undefined = 'Filesystem'): number {
  if (volumeMode === 'Block') return Math.floor(capacity / MiB) * MiB;
  return Math.floor((capacity * (1 - FILESYSTEM_OVERHEAD)) / MiB) * MiB;
}

export function parsePopulateRequest(text: string | undefined): PopulateRequest | undefined {
  if (!text) return undefined;
  const v = JSON.parse(text) as PopulateRequest;
  if (!['http', 'registry', 'blank', 'clone', 'upload', 'snapshot'].includes(v.kind)) throw new Error(`unknown populate request kind ${(v as { kind: string }).kind}`);
  return v;
}

/** "45.32%": two decimals, as CDI's importer reports; done is "100.0%" like CDI's final value. */
export function formatProgress(fraction: number): string {
  const pct = Math.min(100, Math.max(0, fraction * 100));
  if (pct >= 100) return '100.0%';
  return `${(Math.floor(pct * 100) / 100).toFixed(2)}%`;
}
