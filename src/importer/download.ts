// Streams a source into a scratch file, decompressing on the way when its first bytes say gz
// (Node's zlib), xz or zstd (the Debian CLIs writing the file themselves, decompress-file.ts;
// throughCli streams through pipes for callers that need the bytes, like registry layers).
// Counts the bytes read from the source for progress, and refuses a stream that ends before its
// Content-Length.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ChecksumVerifier } from './checksum.ts';
import { decompressToFile } from './decompress-file.ts';
import { HeadSniffer } from './head-sniffer.ts';
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
  // A full disk breaks the CLI's pipes both ways: the failed write is the cause.
  const writeFailed = drained.status === 'rejected' && ['ENOSPC', 'EDQUOT'].includes((drained.reason as NodeJS.ErrnoException).code ?? '');
  if (writeFailed) throw drained.reason;
  // The source's own failure (network, truncation) is the real cause; the CLI's complaint follows from it.
  if (fed.status === 'rejected' && (fed.reason as NodeJS.ErrnoException).code !== 'EPIPE') throw fed.reason;
  if (code.status === 'rejected') throw code.reason;
  if (code.value !== 0) throw new ImportError(`${source}: ${cmd} decompression failed: ${stderr.replace(/^\S+:\s*/, '').trim() || `exit ${code.value}`} (corrupt or truncated ${cmd} data)`);
  if (drained.status === 'rejected') throw drained.reason;
}

/**
 * Buffering between the socket and the file. Node's 16 KiB default makes a write (a round trip
 * through libuv's thread pool) per socket read; 4 MiB lets reads pile up into one writev while a
 * write is in flight: 400 MB over loopback took 0.6–1.2 s with the default, 0.22–0.26 s with this
 * (curl: 0.38–0.41 s; measured on the 2-core machine).
 */
const BUFFER_BYTES = 4 << 20;

/** The source stopped before its end: the peer went away. */
const cutOff = (e: unknown) => (e as Error).message === 'aborted' || ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes((e as NodeJS.ErrnoException).code ?? '');

/**
 * With `checksum`, every byte read from the source is hashed on the way (before decompression)
 * and a mismatch throws once the stream has ended, before anything converts the scratch file.
 */
export async function downloadTo(src: ByteSource, dest: string, source: string, onBytes: (read: number) => void, checksum?: ChecksumVerifier): Promise<DownloadResult> {
  let read = 0;
  const sniffer = new HeadSniffer(
    6,
    (chunk) => {
      read += chunk.length;
      checksum?.update(chunk);
      onBytes(read);
    },
    BUFFER_BYTES,
  );
  const receiving = pipeline(src.body, sniffer);
  // Awaited below (allSettled); this only keeps a failure before then from being unhandled.
  receiving.catch(() => undefined);
  let head: Buffer;
  try {
    head = await Promise.race([sniffer.head, receiving.then(() => sniffer.head)]);
  } catch (e) {
    throw describe(e, source);
  }
  const compression = detectCompression(head);
  const sinking = (
    compression === 'xz' || compression === 'zstd'
      ? decompressToFile(compression, sniffer, dest, source)
      : compression === 'gz'
        ? pipeline(sniffer, createGunzip(), createWriteStream(dest, { flags: 'wx', highWaterMark: BUFFER_BYTES }))
        : pipeline(sniffer, createWriteStream(dest, { flags: 'wx', highWaterMark: BUFFER_BYTES }))
  ).catch((e: unknown) => {
    // However the sink failed, the source must stop too, or `receiving` would wait forever.
    sniffer.destroy(e as Error);
    throw e;
  });
  const [received, sunk] = await Promise.allSettled([receiving, sinking]);
  try {
    // A full disk is never the source's doing, though tearing the pipes down after it can look
    // like a cut-off to the receiving side (a CLI decompressor dies, its stdin breaks).
    if (sunk.status === 'rejected' && ['ENOSPC', 'EDQUOT'].includes((sunk.reason as NodeJS.ErrnoException).code ?? '')) throw sunk.reason;
    // A source cut off is the cause of whatever its consumer then says; otherwise the consumer's
    // failure (corrupt data) is, and the source only saw its pipe torn down.
    if (received.status === 'rejected' && cutOff(received.reason)) throw received.reason;
    if (sunk.status === 'rejected') throw sunk.reason;
    if (received.status === 'rejected') throw received.reason;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((e as Error).message)) {
      throw new ImportError(`${source}: truncated gzip data (unexpected end of file after ${read} bytes)`);
    }
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new ImportError(`${source}: corrupt gzip data: ${(e as Error).message}`);
    if (cutOff(e)) {
      throw new ImportError(`${source}: the connection closed after ${read}${src.length ? ` of ${src.length}` : ''} bytes`);
    }
    throw describe(e, (e as NodeJS.ErrnoException).code === 'ENOSPC' ? dest : source);
  }
  if (src.length !== undefined && read < src.length) throw new ImportError(`${source}: the connection closed after ${read} of ${src.length} bytes`);
  checksum?.verify(source);
  return { compression, bytesRead: read };
}
