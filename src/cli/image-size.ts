// What image-upload can tell about a local image before sending it: its virtual size when the
// file says it plainly (qcow2's header; raw and ISO are their length), so a --size too small is
// refused at once, with both sizes. Compressed and other formats are checked by the node after
// the transfer (the same message).
import { open } from 'node:fs/promises';
import { parseQuantity } from '../api/common/quantity.ts';
import { FILESYSTEM_OVERHEAD, usableBytes } from '../controllers/storage/protocol.ts';

const MiB = 1024 * 1024;

/** Magic numbers of images whose size a plain look cannot give (compressed, or other disk formats). */
const OPAQUE: [number, number[]][] = [
  [0, [0x1f, 0x8b]], // gzip
  [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]], // xz
  [0, [0x28, 0xb5, 0x2f, 0xfd]], // zstd
  [0, [...Buffer.from('KDMV')]], // vmdk
  [0, [...Buffer.from('# Disk DescriptorFile')]], // vmdk descriptor
  [0, [...Buffer.from('vhdxfile')]],
  [0, [...Buffer.from('conectix')]], // dynamic vhd
  [64, [0x7f, 0x10, 0xda, 0xbe]], // vdi
  [0, [...Buffer.from('LUKS')]],
];

/** The virtual size from the file's first 512 bytes, last 512 bytes and length; undefined when unknown. */
export function virtualSizeOf(head: Buffer, tail: Buffer, fileSize: number): number | undefined {
  if (head.subarray(0, 4).equals(Buffer.from([0x51, 0x46, 0x49, 0xfb])) && head.length >= 32) return Number(head.readBigUInt64BE(24));
  if (OPAQUE.some(([at, magic]) => magic.every((b, i) => head[at + i] === b))) return undefined;
  if (tail.subarray(0, 8).toString('latin1') === 'conectix') return undefined; // fixed vhd: raw plus a footer
  return fileSize;
}

export async function localVirtualSize(path: string): Promise<number | undefined> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(512);
    const tail = Buffer.alloc(512);
    await fh.read(head, 0, 512, 0);
    if (size >= 512) await fh.read(tail, 0, 512, size - 512);
    return virtualSizeOf(head, tail, size);
  } finally {
    await fh.close();
  }
}

const mib = (n: number) => (n % MiB === 0 ? `${n / MiB}Mi (${n} bytes)` : `${n} bytes`);

/** Why an image of `virtual` bytes cannot go into a volume of `size`, or undefined when it fits. */
export function sizeProblem(file: string, virtual: number, size: string, volumeMode: string | undefined): string | undefined {
  const usable = usableBytes(parseQuantity(size), volumeMode);
  if (virtual <= usable) return undefined;
  const overhead = volumeMode === 'Block' ? 1 : 1 - FILESYSTEM_OVERHEAD;
  const need = Math.ceil(virtual / overhead / MiB);
  const keep = volumeMode === 'Block' ? '' : ' (the volume keeps 5.5% for filesystem overhead)';
  return `image ${file} has a virtual size of ${mib(virtual)}, larger than the usable size ${mib(usable)} of a ${size} volume${keep}; use --size=${need}Mi or more`;
}
