// The snapshot contract between the snapshot controller and the node agents, carried on the
// VirtualMachineSnapshotContent only (annotations and a finalizer), like the storage protocol.
// Pure constants, types and path rules: the node side imports this file, nothing else from here.
//
// The controller writes BACKUP_REQUEST once, when it creates the content: which volumes, and which
// node copies each. Each node writes only the report keys of its own volumes (and, for an online
// snapshot, QUIESCE); the controller turns them into the content's status. A copy lives next to
// the volumes, not inside one: `<root>/snapshots/<content uid>/<volume>.img`, where root is the
// node's volume root (local claims) or the shared root — so, like a VolumeSnapshot, it outlives
// the claim it was taken of, and a restore can still use it after the VM and its disks are gone.
import { join } from 'node:path';

/** On a content, written once by the snapshot controller: what to copy, where (JSON of BackupRequest). */
export const BACKUP_REQUEST_ANNOTATION = 'snapshot.vireo.io/backup-request';
/** On a content, written by the node of an online snapshot: how the guest was quiesced (JSON of QuiesceReport). */
export const QUIESCE_ANNOTATION = 'snapshot.vireo.io/quiesce';
/** Prefix of the per-volume report keys, each written only by the node copying that volume. */
export const VOLUME_REPORT_PREFIX = 'backup.snapshot.vireo.io/';
/** Holds a content until every node has removed its copies (the controller lifts it). */
export const FILES_FINALIZER = 'snapshot.vireo.io/volume-files';

export interface BackupVolume {
  volumeName: string;
  claimName: string;
  pvName: string;
  /** The node that makes (and keeps) the copy. */
  node: string;
  /** The copy lives under the shared root (every node sees it), else under `node`'s volume root. */
  shared: boolean;
}

export interface BackupRequest {
  /** Set when the VM ran: its node copies every volume through QEMU, the guest quiesced first. */
  online?: { node: string; vmiName: string; vmiUid: string };
  volumes: BackupVolume[];
}

export type VolumeReportPhase = 'Running' | 'Succeeded' | 'Failed' | 'Deleted';

export interface VolumeReport {
  phase: VolumeReportPhase;
  /** When it was reported. */
  time: string;
  /** Succeeded: the point in time the copy shows (online: the start of the backup job). */
  creationTime?: string;
  message?: string;
}

export type QuiesceIndication = 'GuestAgent' | 'NoGuestAgent' | 'Paused';
export interface QuiesceReport {
  indication: QuiesceIndication;
  message?: string;
}

export const volumeReportKey = (volumeName: string) => `${VOLUME_REPORT_PREFIX}${volumeName}`;

function parseJson<T>(text: string | undefined, what: string): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${what}: not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

type Annotations = Record<string, string> | undefined;

export const backupRequestOf = (a: Annotations) => parseJson<BackupRequest>(a?.[BACKUP_REQUEST_ANNOTATION], BACKUP_REQUEST_ANNOTATION);
export const quiesceReportOf = (a: Annotations) => parseJson<QuiesceReport>(a?.[QUIESCE_ANNOTATION], QUIESCE_ANNOTATION);
export const volumeReportOf = (a: Annotations, volumeName: string) => parseJson<VolumeReport>(a?.[volumeReportKey(volumeName)], volumeReportKey(volumeName));

const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VOLUME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The directory of one content's copies under a root; the names are checked, so no path escapes it. */
export function snapshotDir(root: string, contentUid: string): string {
  if (!UID.test(contentUid)) throw new Error(`not a content uid: ${JSON.stringify(contentUid)}`);
  return join(root, 'snapshots', contentUid);
}

export function snapshotFile(root: string, contentUid: string, volumeName: string): string {
  if (!VOLUME.test(volumeName)) throw new Error(`volume name ${JSON.stringify(volumeName)} is not a DNS label`);
  return join(snapshotDir(root, contentUid), `${volumeName}.img`);
}
