// Writing the few tar entries a containerDisk layer needs (a directory and one file): ustar
// headers with numeric owners, and base-256 sizes for files of 8 GiB and more (GNU tar's and
// tar-entry.ts's reading of them), so no long-name or pax machinery is needed.

const BLOCK = 512;
/** The largest size an 11-digit octal field holds (8 GiB - 1). */
const OCTAL_SIZE_MAX = 0o77777777777;

export interface TarEntry {
  /** At most 100 bytes, no leading slash; a directory's name ends with "/". */
  name: string;
  type: 'file' | 'dir';
  /** Permission bits, e.g. 0o440. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

function octal(h: Buffer, at: number, width: number, v: number): void {
  h.write(`${v.toString(8).padStart(width - 1, '0')}\0`, at, width, 'latin1');
}

/** Base-256 (the high bit of the first byte set), big-endian in the 12-byte size field. */
function base256(h: Buffer, at: number, width: number, v: number): void {
  let rest = BigInt(v);
  for (let i = width - 1; i > 0; i--) {
    h[at + i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  h[at] = 0x80;
}

export function tarHeader(e: TarEntry): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  if (name.length > 100) throw new Error(`tar entry name "${e.name}" is longer than 100 bytes`);
  if (!Number.isSafeInteger(e.size) || e.size < 0) throw new Error(`tar entry ${e.name}: invalid size ${e.size}`);
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0);
  octal(h, 100, 8, e.mode);
  octal(h, 108, 8, e.uid);
  octal(h, 116, 8, e.gid);
  const size = e.type === 'dir' ? 0 : e.size;
  if (size > OCTAL_SIZE_MAX) base256(h, 124, 12, size);
  else octal(h, 124, 12, size);
  octal(h, 136, 12, Math.max(0, Math.floor(e.mtime)));
  h.write(e.type === 'dir' ? '5' : '0', 156, 1, 'latin1');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  // The checksum is computed with its own field as spaces, and written as 6 digits, NUL, space.
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

/** Zeros that round an entry's data of `size` bytes up to whole blocks. */
export const tarPadding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The end of an archive: two zero blocks. */
export const tarEnd = (): Buffer => Buffer.alloc(2 * BLOCK);
