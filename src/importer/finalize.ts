// The last step of every population: a complete raw image written as `disk.img.tmp`, grown to
// the disk size (and allocated, when asked), flushed, then renamed to `disk.img` (atomic in one
// directory) and the directory flushed — so a disk.img that exists is always whole, whatever
// crashed when.
import { open, rename, rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { preallocate } from './preallocate.ts';

export const DISK = 'disk.img';
export const DISK_TMP = 'disk.img.tmp';

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Grows a raw file to `sizeBytes` (sparse): what `qemu-img resize` does to a raw image, without a
 * process per disk. Never shrinks: callers checked that the image fits.
 */
async function grow(path: string, sizeBytes: number): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    if (size > sizeBytes) throw new Error(`${path} holds ${size} bytes, more than the disk's ${sizeBytes}`);
    if (size < sizeBytes) await fh.truncate(sizeBytes);
  } finally {
    await fh.close();
  }
}

/** Removes what an interrupted population left (`*.tmp`), and any earlier disk.img: it restarts. */
export async function clearVolume(dir: string): Promise<void> {
  for (const f of await readdir(dir)) if (f.endsWith('.tmp') || f === DISK) await rm(join(dir, f), { force: true });
}

/** Removes only what an interrupted attempt left (`*.tmp`): an upload keeps disk.img until it is replaced. */
export async function clearScratch(dir: string): Promise<void> {
  for (const f of await readdir(dir)) if (f.endsWith('.tmp')) await rm(join(dir, f), { force: true });
}

/** With `preallocate`, every block of the grown disk is allocated before it is renamed into place. */
export async function finalizeDisk(dir: string, sizeBytes: number, opts: { preallocate?: boolean } = {}): Promise<void> {
  const tmp = join(dir, DISK_TMP);
  await grow(tmp, sizeBytes);
  if (opts.preallocate) await preallocate(tmp, sizeBytes);
  await fsyncPath(tmp);
  await rename(tmp, join(dir, DISK));
  await fsyncPath(dir);
}
