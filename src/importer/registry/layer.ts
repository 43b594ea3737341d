// One layer blob → the disk file it holds, in a single pass: the bytes are hashed (and counted for
// progress) as they arrive, decompressed by their magic (gzip, zstd, xz, or a plain tar), and the
// tar read by TarEntryExtractor. The digest is checked after the last byte; a mismatch or a short
// blob removes what was written, so a disk that is kept always matches its manifest.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { throughCli } from '../download.ts';
import { ImportError, describe } from '../errors.ts';
import { detectCompression } from '../format.ts';
import type { Descriptor } from './manifest.ts';
import { TarEntryExtractor, TarFormatError } from './tar-entry.ts';

export interface LayerSource {
  body: Readable;
  /** Content-Length of the answer, when sent. */
  length: number | undefined;
}

/**
 * Streams `layer` from `src`, writing the first entry `wanted` accepts to `dest` (which must not
 * exist). Resolves with that entry's name, or undefined when the layer has none.
 */
export async function extractFromLayer(src: LayerSource, layer: Descriptor, dest: string, wanted: (entry: string) => boolean, label: string, onBytes: (read: number) => void): Promise<string | undefined> {
  const hash = createHash('sha256');
  let read = 0;
  const it = src.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const next = async (): Promise<IteratorResult<Buffer>> => {
    const r = await it.next();
    if (!r.done) {
      hash.update(r.value);
      read += r.value.length;
      onBytes(read);
    }
    return r;
  };
  const where = `${label}: layer ${layer.digest}`;
  const tar = new TarEntryExtractor(wanted, dest);
  try {
    let head = Buffer.alloc(0);
    let ended = false;
    while (head.length < 6 && !ended) {
      const r = await next();
      if (r.done) ended = true;
      else head = Buffer.concat([head, r.value]);
    }
    const body = Readable.from(
      (async function* () {
        if (head.length) yield head;
        for (let r = ended ? undefined : await next(); r && !r.done; r = await next()) yield r.value;
      })(),
    );
    const compression = detectCompression(head);
    if (compression === 'gz') await pipeline(body, createGunzip(), tar);
    else if (compression) await throughCli(compression, body, tar, where);
    else await pipeline(body, tar);
  } catch (e) {
    await rm(dest, { force: true });
    throw layerError(e, where, read, src.length ?? layer.size);
  }
  const expected = layer.size ?? src.length;
  if (expected !== undefined && read < expected) {
    await rm(dest, { force: true });
    throw new ImportError(`${where}: the connection closed after ${read} of ${expected} bytes`);
  }
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== layer.digest) {
    await rm(dest, { force: true });
    throw new ImportError(`${where}: digest mismatch (the registry sent ${read} bytes hashing to ${actual})`);
  }
  return tar.found;
}

function layerError(e: unknown, where: string, read: number, length: number | undefined): ImportError {
  if (e instanceof ImportError) return e;
  const err = e as NodeJS.ErrnoException;
  if (e instanceof TarFormatError) return new ImportError(`${where}: ${err.message}`);
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) return new ImportError(`${where}: truncated gzip data (after ${read} bytes)`);
  if (err.code?.startsWith('Z_')) return new ImportError(`${where}: corrupt gzip data: ${err.message}`);
  if (err.message === 'aborted' || err.code === 'ECONNRESET') return new ImportError(`${where}: the connection closed after ${read}${length ? ` of ${length}` : ''} bytes`);
  return describe(e, err.code === 'ENOSPC' || err.code === 'EEXIST' ? 'the disk file' : where);
}
