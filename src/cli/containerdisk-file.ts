// The local disk `vireo containerdisk push` packs, checked the way the importer checks a download:
// by content, never by name — compression by its magic bytes (refused: a containerDisk holds the
// disk itself), the format by qemu-img's probe (qcow2 or raw, which KubeVirt boots from /disk/),
// no backing file, and for qcow2 an integrity check, so a truncated file is refused here and not
// at the first boot on some node.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkImage } from '../importer/check.ts';
import { detectCompression } from '../importer/format.ts';
import type { DiskFile } from '../importer/registry/containerdisk-image.ts';
import { info, type ImageInfo } from '../qemu/img.ts';

export interface LocalDisk extends DiskFile {
  format: 'qcow2' | 'raw';
  virtualSize: number;
}

export async function readLocalDisk(path: string): Promise<LocalDisk> {
  let head = Buffer.alloc(6);
  let size: number;
  let mtime: number;
  try {
    const fh = await open(path, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new Error(`${path} is not a regular file`);
      size = st.size;
      mtime = Math.floor(st.mtimeMs / 1000);
      head = head.subarray(0, (await fh.read(head, 0, head.length, 0)).bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { cause: e });
  }
  const compression = detectCompression(head);
  if (compression) throw new Error(`${path} is ${compression}-compressed; a containerDisk holds the qcow2 or raw disk itself: decompress it first`);
  let probed: ImageInfo;
  try {
    probed = await info(path);
  } catch (e) {
    if (/spawn qemu-img ENOENT/.test((e as Error).message)) throw new Error('qemu-img is needed to check the disk image: install qemu-utils', { cause: e });
    throw new Error(`${path} is not a disk image qemu-img can read: ${(e as Error).message}`, { cause: e });
  }
  const { format } = probed;
  if (format !== 'qcow2' && format !== 'raw') {
    throw new Error(`${path} is a ${format} image; a containerDisk holds qcow2 or raw: convert it first (qemu-img convert -O qcow2 ${basename(path)} disk.qcow2)`);
  }
  if (probed.backingFilename) throw new Error(`${path} has a backing file (${probed.backingFilename}); a containerDisk must be self-contained: qemu-img convert -O qcow2 it first`);
  if (format === 'qcow2') await checkImage(path, format, path);
  return { path, name: format === 'qcow2' ? 'disk.qcow2' : 'disk.img', size, mtime, format, virtualSize: probed.virtualSize };
}
