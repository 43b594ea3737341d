// Fills a volume from a VM snapshot's copy of a disk (a restore): the copy, kept sparse, becomes
// disk.img at the volume's size through finalizeDisk, so a failure leaves no disk.img behind.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError, describe } from './errors.ts';
import { DISK_TMP, clearVolume, finalizeDisk } from './finalize.ts';
import type { Target } from './populate.ts';
import { sparseCopy } from './sparse-copy.ts';

export async function restoreFromCopy(t: Pick<Target, 'dir' | 'sizeBytes' | 'onProgress' | 'preallocate'>, copyPath: string, what: string): Promise<void> {
  if (!(await access(copyPath).then(() => true, () => false))) {
    throw new ImportError(`${what}: the snapshot's copy ${copyPath} is missing (was its VirtualMachineSnapshotContent deleted?)`);
  }
  await clearVolume(t.dir);
  try {
    await sparseCopy(copyPath, join(t.dir, DISK_TMP));
    t.onProgress(0.9);
    await finalizeDisk(t.dir, t.sizeBytes, { preallocate: t.preallocate });
  } catch (e) {
    await clearVolume(t.dir);
    throw describe(e, what);
  }
}
