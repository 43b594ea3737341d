// Formats by content, never by file name: compression by its magic bytes, the disk format by
// qemu-img's probe, and the size rule (an image must fit the disk it goes into).
import { ImportError } from './errors.ts';

export type Compression = 'gz' | 'xz' | 'zstd';

const MAGIC: [Compression, number[]][] = [
  ['gz', [0x1f, 0x8b]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** The compression of a stream from its first bytes (at least 6), or undefined for none. */
export function detectCompression(head: Uint8Array): Compression | undefined {
  for (const [kind, magic] of MAGIC) if (magic.every((b, i) => head[i] === b)) return kind;
  return undefined;
}

/** Disk formats qemu-img reports that a VM disk may come from (ISO probes as raw). */
export const ACCEPTED_FORMATS = ['raw', 'qcow2', 'vmdk', 'vdi', 'vpc', 'vhdx'];

export function checkFormat(format: string, backingFile: string | undefined, source: string): void {
  if (!ACCEPTED_FORMATS.includes(format)) throw new ImportError(`${source}: unsupported image format ${format} (accepted: qcow2, raw, ISO, vmdk, vdi, vhd, vhdx; optionally gz, xz or zstd compressed)`);
  if (backingFile) throw new ImportError(`${source}: the ${format} image has a backing file (${backingFile}); only self-contained images can be imported`);
}

const MiB = 1024 * 1024;
export function humanBytes(n: number): string {
  if (n >= 1024 * MiB && n % (1024 * MiB) === 0) return `${n / (1024 * MiB)}Gi (${n} bytes)`;
  if (n % MiB === 0) return `${n / MiB}Mi (${n} bytes)`;
  return `${n} bytes`;
}

/** Refuses an image whose virtual size exceeds the disk it is to fill, giving both sizes. */
export function checkFits(virtualSize: number, target: number, requested: number, overhead = 0.055): void {
  if (virtualSize <= target) return;
  throw new ImportError(
    `image virtual size ${humanBytes(virtualSize)} is larger than the available size ${humanBytes(target)} ` +
      `(requested ${humanBytes(requested)} minus the filesystem overhead); request at least ${humanBytes(Math.ceil(virtualSize / (1 - overhead) / MiB) * MiB)}`,
  );
}
