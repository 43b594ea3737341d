// The ways a volume gets its disk.img: imported over http(s) (registry-import.ts shares
// convertScratch), blank, or cloned from another volume's disk.img. Each starts from a clean
// directory, works in `*.tmp` files, and ends in finalizeDisk — a failure leaves no disk.img
// behind. Progress is a fraction 0..1: an import counts bytes downloaded (90%) then qemu-img's
// conversion (10%; a raw image is renamed, not converted); a clone, qemu-img's copy.
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { convert, info, QemuImgError } from '../qemu/img.ts';
import { checkImage } from './check.ts';
import { ChecksumVerifier } from './checksum.ts';
import { downloadTo } from './download.ts';
import { ImportError, describe } from './errors.ts';
import { checkFits, checkFormat } from './format.ts';
import { digHoles } from './sparsify.ts';
import { openHttpSource, type HttpSourceOptions } from './http-source.ts';
import { DISK_TMP, clearVolume, finalizeDisk } from './finalize.ts';

export interface Target {
  /** The volume's directory; disk.img goes here. */
  dir: string;
  /** Size of disk.img: the usable part of the volume. */
  sizeBytes: number;
  /** The claim's requested size, for messages. */
  requestedBytes: number;
  onProgress: (fraction: number) => void;
  /** Allocate every block of disk.img (the DataVolume's spec.preallocation). */
  preallocate?: boolean;
}

/** Where a download lands before conversion; `.tmp`, so clearVolume removes a left-over one. */
export const SCRATCH = 'scratch.img.tmp';

async function convertToRaw(src: string, format: string, dir: string, source: string, onProgress: (f: number) => void): Promise<void> {
  const dest = join(dir, DISK_TMP);
  try {
    await convert(src, dest, 'raw', { inFormat: format, progress: (p) => onProgress(p / 100) });
  } catch (e) {
    if (e instanceof QemuImgError && /No space left/i.test(e.message)) throw new ImportError(`disk full: no space left on the volume while converting ${source} into ${dest}`);
    throw e instanceof QemuImgError ? new ImportError(`${source}: ${e.message}`) : describe(e, source);
  }
}

export interface ScratchImage {
  format: string;
  virtualSize: number;
}

async function probe(path: string, source: string): Promise<ScratchImage> {
  try {
    const i = await info(path);
    checkFormat(i.format, i.backingFilename, source);
    return i;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${source}: not a disk image qemu-img can read (${(e as Error).message})`);
  }
}

/** With `checksum` (CDI's "algorithm:hex"), the bytes as downloaded must match it. */
export async function importHttp(t: Target, src: HttpSourceOptions, checksum?: string): Promise<void> {
  await clearVolume(t.dir);
  const scratch = join(t.dir, SCRATCH);
  try {
    const verifier = checksum === undefined ? undefined : ChecksumVerifier.of(checksum);
    const opened = await openHttpSource(src);
    await downloadTo(opened, scratch, src.url, (n) => {
      if (opened.length) t.onProgress((Math.min(n, opened.length) / opened.length) * 0.9);
    }, verifier);
    await convertScratch(t, scratch, src.url);
  } catch (e) {
    await clearVolume(t.dir);
    throw describe(e, src.url);
  }
}

/**
 * The common end of an import: the downloaded image in `scratch` is probed (format by content),
 * size-checked, integrity-checked, converted to the raw disk.img (the last 10% of progress) and
 * finalized. The caller clears the volume when this throws.
 */
export async function convertScratch(t: Target, scratch: string, source: string): Promise<void> {
  await convertValidated(t, scratch, await validateScratch(t, scratch, source), source);
}

/** The checks of convertScratch: format by content, size against the target, integrity. */
export async function validateScratch(t: Target, scratch: string, source: string): Promise<ScratchImage> {
  const img = await probe(scratch, source);
  checkFits(img.virtualSize, t.sizeBytes, t.requestedBytes);
  await checkImage(scratch, img.format, source);
  return img;
}

/**
 * The writes of convertScratch, for an image validateScratch accepted. A raw image already is
 * what disk.img must be: it is renamed into place (made sparse unless it is to be preallocated)
 * instead of copied by qemu-img — half the writes, and half the space at the peak.
 */
export async function convertValidated(t: Target, scratch: string, img: ScratchImage, source: string): Promise<void> {
  if (img.format === 'raw') {
    const dest = join(t.dir, DISK_TMP);
    await rename(scratch, dest);
    if (!t.preallocate) await digHoles(dest);
    t.onProgress(0.9999);
  } else {
    await convertToRaw(scratch, img.format, t.dir, source, (f) => t.onProgress(0.9 + f * 0.0999));
    await rm(scratch, { force: true });
  }
  await finalizeDisk(t.dir, t.sizeBytes, { preallocate: t.preallocate });
}

/** A sparse raw disk of the size: nothing written but the length. */
export async function createBlank(t: Pick<Target, 'dir' | 'sizeBytes' | 'preallocate'>): Promise<void> {
  await clearVolume(t.dir);
  try {
    const fh = await open(join(t.dir, DISK_TMP), 'wx');
    try {
      await fh.truncate(t.sizeBytes);
    } finally {
      await fh.close();
    }
    await finalizeDisk(t.dir, t.sizeBytes, { preallocate: t.preallocate });
  } catch (e) {
    await clearVolume(t.dir);
    throw describe(e, join(t.dir, DISK_TMP));
  }
}

/**
 * Copies a source disk.img (same node), keeping it sparse, then grows it to the target size. Every
 * disk.img is raw (each population ends in one), and its bytes are the guest's: they are read as
 * raw, never probed — a guest that wrote a qcow2 header onto its disk must not make its clone a
 * qcow2 conversion (with a backing file, a read of the host's files).
 */
export async function cloneDisk(t: Target, sourcePath: string, sourceName: string): Promise<void> {
  await clearVolume(t.dir);
  try {
    checkFits((await stat(sourcePath)).size, t.sizeBytes, t.requestedBytes);
    await convertToRaw(sourcePath, 'raw', t.dir, sourceName, (f) => t.onProgress(f * 0.9999));
    await finalizeDisk(t.dir, t.sizeBytes, { preallocate: t.preallocate });
  } catch (e) {
    await clearVolume(t.dir);
    throw describe(e, sourceName);
  }
}
