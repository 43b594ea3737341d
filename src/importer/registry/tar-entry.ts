// A streaming tar reader that writes one wanted entry (the container disk under disk/) to a file
// and reads past everything else, so a layer never needs unpacking on disk. Understands ustar,
// GNU long names and pax headers (path, size), base-256 sizes (files over 8 GiB), and keeps the
// written file sparse: all-zero blocks are skipped and the length set at the end.
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

const BLOCK = 512;
const ZEROS = Buffer.alloc(1 << 20);
const META_LIMIT = 1 << 20;

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

/** A numeric header field: NUL/space-terminated octal, or base-256 when the top bit is set. */
export function parseNumeric(field: Buffer): number {
  if (field[0]! & 0x80) {
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i]!;
    return v;
  }
  const text = field.toString('latin1').replace(/[\0 ]+$/, '').replace(/^[\0 ]+/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`not a tar archive (bad numeric field "${text}")`);
  return parseInt(text, 8);
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return parseNumeric(h.subarray(148, 156)) === sum;
}

const cstring = (b: Buffer) => {
  const z = b.indexOf(0);
  return b.subarray(0, z < 0 ? b.length : z).toString('utf8');
};

/** pax records: "LEN key=value\n" … */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const sp = data.indexOf(0x20, at);
    const len = sp > at ? Number(data.subarray(at, sp).toString('latin1')) : NaN;
    if (!Number.isInteger(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, at + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    at += len;
  }
  return out;
}

/** Entry names as tools write them: `./disk/x`, `/disk/x` and `disk/x` are the same file. */
export const normalizeEntry = (name: string) => name.replace(/^(\.?\/)+/, '');

type Sink = { kind: 'file'; fh: FileHandle; pos: number; size: number } | { kind: 'meta'; type: string; chunks: Buffer[] } | { kind: 'skip' };

export class TarEntryExtractor extends Writable {
  /** The (normalized) name of the entry written to `dest`, once found. */
  found: string | undefined;
  private header = Buffer.alloc(0);
  private remaining = 0;
  private padding = 0;
  private sink: Sink = { kind: 'skip' };
  private zeroBlocks = 0;
  private ended = false;
  private sawBytes = false;
  private nextName: string | undefined;
  private nextSize: number | undefined;

  constructor(
    private readonly wanted: (name: string) => boolean,
    private readonly dest: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.consume(chunk).then(() => cb(), cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    const err = this.remaining > 0 || this.header.length > 0 ? new TarFormatError('tar archive truncated (it ends inside an entry)') : !this.sawBytes ? new TarFormatError('empty layer (no tar data)') : undefined;
    this.closeSink().then(() => cb(err), cb);
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    this.closeSink().then(() => cb(err), (e: unknown) => cb(err ?? (e as Error)));
  }

  private async closeSink(): Promise<void> {
    const s = this.sink;
    this.sink = { kind: 'skip' };
    if (s.kind === 'file') await s.fh.close();
  }

  private async consume(chunk: Buffer): Promise<void> {
    let off = 0;
    if (chunk.length) this.sawBytes = true;
    while (off < chunk.length && !this.ended) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - off);
        await this.data(chunk.subarray(off, off + n));
        off += n;
        this.remaining -= n;
        if (this.remaining === 0) await this.entryDone();
      } else if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - off);
        off += n;
        this.padding -= n;
      } else {
        const n = Math.min(BLOCK - this.header.length, chunk.length - off);
        this.header = Buffer.concat([this.header, chunk.subarray(off, off + n)]);
        off += n;
        if (this.header.length === BLOCK) {
          const h = this.header;
          this.header = Buffer.alloc(0);
          await this.onHeader(h);
        }
      }
    }
    // Anything after the end-of-archive blocks (registries pad layers) is read and dropped.
  }

  private async data(b: Buffer): Promise<void> {
    const s = this.sink;
    if (s.kind === 'meta') {
      s.chunks.push(Buffer.from(b));
    } else if (s.kind === 'file') {
      for (let at = 0; at < b.length; at += ZEROS.length) {
        const part = b.subarray(at, Math.min(b.length, at + ZEROS.length));
        if (!part.equals(ZEROS.subarray(0, part.length))) {
          for (let w = 0; w < part.length; ) w += (await s.fh.write(part, w, part.length - w, s.pos + w)).bytesWritten;
        }
        s.pos += part.length;
      }
    }
  }

  private async onHeader(h: Buffer): Promise<void> {
    if (h.equals(ZEROS.subarray(0, BLOCK))) {
      if (++this.zeroBlocks === 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(h)) throw new TarFormatError('not a tar archive (bad header checksum)');
    const type = String.fromCharCode(h[156]!);
    const ustar = h.subarray(257, 262).toString('latin1') === 'ustar';
    const prefix = ustar ? cstring(h.subarray(345, 500)) : '';
    const name = this.nextName ?? (prefix ? `${prefix}/${cstring(h.subarray(0, 100))}` : cstring(h.subarray(0, 100)));
    const size = this.nextSize ?? parseNumeric(h.subarray(124, 136));
    const isMeta = type === 'L' || type === 'x';
    if (!isMeta) {
      this.nextName = undefined;
      this.nextSize = undefined;
    }
    if (isMeta && size > META_LIMIT) throw new TarFormatError(`tar ${type === 'L' ? 'long name' : 'pax header'} of ${size} bytes is too large`);
    const entry = normalizeEntry(name);
    const regular = type === '0' || type === '\0' || type === '7';
    if (isMeta) this.sink = { kind: 'meta', type, chunks: [] };
    else if (regular && this.found === undefined && this.wanted(entry)) {
      this.found = entry;
      this.sink = { kind: 'file', fh: await open(this.dest, 'wx'), pos: 0, size };
    } else if (type === 'S' && this.wanted(entry)) throw new TarFormatError(`${entry} is a GNU sparse tar entry, which is not supported; build the layer without --sparse`);
    else this.sink = { kind: 'skip' };
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) await this.entryDone();
  }

  private async entryDone(): Promise<void> {
    const s = this.sink;
    this.sink = { kind: 'skip' };
    if (s.kind === 'file') {
      try {
        await s.fh.truncate(s.size);
      } finally {
        await s.fh.close();
      }
    } else if (s.kind === 'meta') {
      const data = Buffer.concat(s.chunks);
      if (s.type === 'L') this.nextName = cstring(data);
      else {
        const pax = parsePax(data);
        if (pax.path !== undefined) this.nextName = pax.path;
        if (pax.size !== undefined) this.nextSize = Number(pax.size);
      }
    }
  }
}
