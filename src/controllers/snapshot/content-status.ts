// A content's status from what the node agents reported on it (protocol.ts), as KubeVirt words
// it: one volumeSnapshotStatus per backup, readyToUse only when every copy is complete and in
// place, creationTime set once (when it first is), the first failure as the error. Pure.
import type { ContentStatus, VirtualMachineSnapshotContent, VolumeSnapshotStatus } from '../../api/snapshot/index.ts';
import { volumeReportOf } from './protocol.ts';

export function computeContentStatus(content: VirtualMachineSnapshotContent, now: string): ContentStatus {
  const a = content.metadata.annotations;
  const old = content.status ?? {};
  const volumes: VolumeSnapshotStatus[] = (content.spec?.volumeBackups ?? []).map((b) => {
    const r = volumeReportOf(a, b.volumeName);
    const s: VolumeSnapshotStatus = { volumeSnapshotName: b.volumeSnapshotName ?? b.volumeName, readyToUse: r?.phase === 'Succeeded' };
    if (r?.phase === 'Succeeded' && r.creationTime) s.creationTime = r.creationTime;
    if (r?.phase === 'Failed') s.error = { time: r.time, message: r.message ?? 'the copy failed' };
    return s;
  });
  const ready = volumes.every((v) => v.readyToUse);
  const failed = volumes.find((v) => v.error);
  const status: ContentStatus = { ...old, readyToUse: ready, volumeSnapshotStatus: volumes, snapshotMode: 'Direct' };
  if (ready && !status.creationTime) status.creationTime = now;
  if (failed) {
    const message = `VolumeSnapshot ${failed.volumeSnapshotName} error: ${failed.error!.message}`;
    // The time stays that of the first report of this error.
    if (old.error?.message !== message) status.error = { time: now, message };
  } else {
    delete status.error;
  }
  if (volumes.length === 0) delete status.volumeSnapshotStatus;
  return status;
}
