// Sends the image as virtctl does: an UploadTokenRequest for the token, then a POST of the file to
// the upload proxy with the token as bearer — the async URL when a HEAD says it exists — with a
// progress bar. A dropped connection or a busy/unreachable node (502/503/504) is retried from the
// start; a refusal (400: wrong format, too large, corrupt) is final and its reason shown.
import { createReadStream, statSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { KubeClient } from '../client/client.ts';
import { uploadBar } from './upload-progress.ts';

export interface SendOptions {
  /** The upload proxy's base URL (the API server's unless --uploadproxy-url). */
  proxy: URL;
  token: string;
  file: string;
  caPem?: string;
  insecure: boolean;
  retries: number;
}

/** Transient: worth sending again. */
class RetryableError extends Error {}

export async function requestUploadToken(client: KubeClient, ns: string, pvcName: string): Promise<string> {
  const answer = await client.request<{ status?: { token?: string } }>('POST', `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${encodeURIComponent(ns)}/uploadtokenrequests`, {
    body: { apiVersion: 'upload.cdi.kubevirt.io/v1beta1', kind: 'UploadTokenRequest', metadata: { name: 'token-for-virtctl' }, spec: { pvcName } },
  });
  const token = answer?.status?.token;
  if (!token) throw new Error('the server answered the UploadTokenRequest without a token');
  return token;
}

function send(o: SendOptions, url: URL, method: 'HEAD' | 'POST', body?: () => Readable, length = 0): Promise<{ code: number; text: string }> {
  const lib = url.protocol === 'http:' ? http : https;
  const headers: Record<string, string | number> = { Authorization: `Bearer ${o.token}` };
  if (body) Object.assign(headers, { 'Content-Type': 'application/octet-stream', 'Content-Length': length });
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, ...(url.protocol === 'https:' ? { ca: o.caPem, rejectUnauthorized: !o.insecure } : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').trim() }));
      res.on('error', (e) => reject(new RetryableError(`the connection to ${url.origin} broke: ${e.message}`)));
    });
    const source = body?.();
    req.on('error', (e) => {
      source?.destroy();
      reject(new RetryableError(`cannot upload to ${url.origin}: ${e.message}`));
    });
    if (source) source.pipe(req);
    else req.end();
  });
}

/** virtctl's ConstructUploadProxyPathAsync: the async URL if a HEAD with the token says 200. */
async function uploadUrl(o: SendOptions): Promise<URL> {
  const base = o.proxy.href.replace(/\/+$/, '');
  const async = new URL(`${base}/v1beta1/upload-async`);
  const probe = await send(o, async, 'HEAD').catch(() => undefined);
  return probe?.code === 200 ? async : new URL(`${base}/v1beta1/upload`);
}

async function attempt(o: SendOptions, url: URL, size: number): Promise<void> {
  const bar = uploadBar(process.stdout);
  bar.start(size, 0);
  let sent = 0;
  const stream = () => {
    const s = createReadStream(o.file);
    s.on('data', (c: Buffer | string) => bar.update((sent += c.length)));
    return s;
  };
  try {
    const { code, text } = await send(o, url, 'POST', stream, size);
    if (code === 200) return;
    const err = `unexpected return value ${code}, ${text}`;
    throw code === 502 || code === 503 || code === 504 ? new RetryableError(err) : new Error(err);
  } finally {
    bar.stop(); // ends the bar's line
  }
}

export async function sendImage(o: SendOptions): Promise<void> {
  const size = statSync(o.file).size;
  const url = await uploadUrl(o);
  console.log();
  for (let n = 1; ; n++) {
    try {
      return await attempt(o, url, size);
    } catch (e) {
      if (!(e instanceof RetryableError) || n > o.retries) {
        throw new Error(n > 1 ? `error uploading image after ${n - 1} retries: ${(e as Error).message}` : (e as Error).message, { cause: e });
      }
      console.log(`${(e as Error).message}; retrying (${n} of ${o.retries})`);
      await new Promise((r) => setTimeout(r, 1000 * n));
    }
  }
}
