// Where a snapshot's copies go on this node and how they come and go: a copy is written as
// `<volume>.img.tmp`, flushed, then renamed into place and the directory flushed — so a `.img`
// that exists is always whole (a crash leaves only a `.tmp`, which the next attempt removes).
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BackupVolume } from '../../controllers/snapshot/protocol.ts';
import { snapshotDir, snapshotFile } from '../../controllers/snapshot/protocol.ts';
import { fsyncFile } from '../../importer/sparse-copy.ts';
import type { Roots } from '../storage/ownership.ts';

const rootOf = (roots: Roots, v: Pick<BackupVolume, 'shared'>) => (v.shared ? roots.sharedRoot : roots.volumeRoot);

export function copyPath(roots: Roots, contentUid: string, v: Pick<BackupVolume, 'shared' | 'volumeName'>): string {
  return snapshotFile(rootOf(roots, v), contentUid, v.volumeName);
}

/** Makes the directory and clears what an earlier attempt left; returns the `.tmp` to write. */
export async function prepareCopy(finalPath: string): Promise<string> {
  await mkdir(dirname(finalPath), { recursive: true, mode: 0o700 });
  const tmp = `${finalPath}.tmp`;
  await rm(tmp, { force: true });
  await rm(finalPath, { force: true });
  return tmp;
}

/** A sparse file of `size` bytes, for QEMU to write a backup into. */
export async function createSparse(path: string, size: number): Promise<void> {
  const fh = await open(path, 'w', 0o600);
  try {
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
}

/** Flushes a finished `.tmp` and renames it into place. */
export async function commitCopy(tmp: string, finalPath: string): Promise<void> {
  await fsyncFile(tmp);
  await rename(tmp, finalPath);
  await fsyncFile(dirname(finalPath));
}

/** Removes this node's copies of one content (and their directory once empty). */
export async function removeCopies(roots: Roots, contentUid: string, volumes: BackupVolume[]): Promise<void> {
  for (const v of volumes) {
    const p = copyPath(roots, contentUid, v);
    await rm(`${p}.tmp`, { force: true });
    await rm(p, { force: true });
  }
  for (const root of new Set(volumes.map((v) => rootOf(roots, v)))) {
    await rmdir(snapshotDir(root, contentUid)).catch((e: NodeJS.ErrnoException) => {
      // Another volume's copy (another node's, on the shared root) may still be there.
      if (e.code !== 'ENOENT' && e.code !== 'ENOTEMPTY') throw e;
    });
  }
}
