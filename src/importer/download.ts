// Streams a source into a scratch file, decompressing on the way when its first bytes say gz
// (Node's zlib), xz or zstd (the Debian CLIs, streaming through pipes). Counts the bytes read
// from the source for progress, and refuses a stream that ends before its Content-Length.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ImportError, describe } from './errors.ts';
import { detectCompression, type Compression } from './format.ts';

/** A stream of image bytes: an http(s) answer, an upload's request body or a form's file part. */
export interface ByteSource {
  body: Readable;
  /** The number of bytes the stream must deliver, when known (Content-Length). */
  length: number | undefined;
}

export interface DownloadResult {
  compression: Compression | undefined;
  bytesRead: number;
}

/** Runs `cmd -dc` as a streaming decompressor between `input` and `out`. */
export async function throughCli(cmd: 'xz' | 'zstd', input: Readable, out: Writable, source: string): Promise<void> {
  const child = spawn(cmd, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new ImportError(`cannot run ${cmd} to decompress ${source}: ${e.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  const feeding = pipeline(input, child.stdin).catch((e: unknown) => {
    child.kill();
    throw e;
  });
  const draining = pipeline(child.stdout, out);
  const [fed, drained, code] = await Promise.allSettled([feeding, draining, exited]);
  // The source's own failure (network, truncation) is the real cause; the CLI's complaint follows from it.
  if (fed.status === 'rejected' && (fed.reason as NodeJS.ErrnoException).code !== 'EPIPE') throw fed.reason;
  if (code.status === 'rejected') throw code.reason;
  if (code.value !== 0) throw new ImportError(`${source}: ${cmd} decompression failed: ${stderr.replace(/^\S+:\s*/, '').trim() || `exit ${code.value}`} (corrupt or truncated ${cmd} data)`);
  if (drained.status === 'rejected') throw drained.reason;
}

export async function downloadTo(src: ByteSource, dest: string, source: string, onBytes: (read: number) => void): Promise<DownloadResult> {
  let read = 0;
  const it = src.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const next = async () => {
    const r = await it.next();
    if (!r.done) {
      read += r.value.length;
      onBytes(read);
    }
    return r;
  };
  let head = Buffer.alloc(0);
  let ended = false;
  try {
    while (head.length < 6) {
      const r = await next();
      if (r.done) {
        ended = true;
        break;
      }
      head = Buffer.concat([head, r.value]);
    }
  } catch (e) {
    throw describe(e, source);
  }
  const compression = detectCompression(head);
  const body = Readable.from(
    (async function* () {
      if (head.length) yield head;
      if (ended) return;
      for (;;) {
        const r = await next();
        if (r.done) return;
        yield r.value;
      }
    })(),
  );
  const out = createWriteStream(dest, { flags: 'wx' });
  try {
    if (compression === 'gz') await pipeline(body, createGunzip(), out);
    else if (compression === 'xz' || compression === 'zstd') await throughCli(compression, body, out, source);
    else await pipeline(body, out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((e as Error).message)) {
      throw new ImportError(`${source}: truncated gzip data (unexpected end of file after ${read} bytes)`);
    }
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new ImportError(`${source}: corrupt gzip data: ${(e as Error).message}`);
    if ((e as Error).message === 'aborted' || (e as NodeJS.ErrnoException).code === 'ECONNRESET') {
      throw new ImportError(`${source}: the connection closed after ${read}${src.length ? ` of ${src.length}` : ''} bytes`);
    }
    throw describe(e, (e as NodeJS.ErrnoException).code === 'ENOSPC' ? dest : source);
  }
  if (src.length !== undefined && read < src.length) throw new ImportError(`${source}: the connection closed after ${read} of ${src.length} bytes`);
  return { compression, bytesRead: read };
}
