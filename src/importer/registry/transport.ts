// One HTTP(S) request with the TLS rules of a registry: a CA bundle added to the system's, or no
// verification at all (insecureRegistries), an idle timeout, and the response body read whole when
// small. GETs follow up to 5 redirects with the Authorization header kept only on the same origin
// (blob redirects go to storage that must not see registry credentials); pushes (POST, PATCH, PUT
// with a body) are never redirected: a registry answers them with a Location to use next.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { ImportError } from '../errors.ts';

export interface TransportOptions {
  caBundle?: string;
  /** Skip certificate verification for this origin (an insecure registry). */
  unverifiedOrigin?: string;
  signal?: AbortSignal;
  idleTimeoutMs: number;
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT';

function once(method: Method, url: URL, headers: Record<string, string>, body: Buffer | undefined, o: TransportOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const common = { method, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers, signal: o.signal };
    const req =
      url.protocol === 'https:'
        ? https.request(url, { ...common, ca: o.caBundle ? [...rootCertificates, o.caBundle] : undefined, rejectUnauthorized: url.origin !== o.unverifiedOrigin }, resolve)
        : http.request(url, common, resolve);
    req.setTimeout(o.idleTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${o.idleTimeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

/** GET `url`, following redirects; connection errors are thrown as Node raised them. */
export function httpGet(url: URL, headers: Record<string, string>, o: TransportOptions): Promise<IncomingMessage> {
  return httpRequest('GET', url, headers, undefined, o);
}

/** One request (GET and HEAD follow redirects); connection errors are thrown as Node raised them. */
export async function httpRequest(method: Method, url: URL, headers: Record<string, string>, body: Buffer | undefined, o: TransportOptions): Promise<IncomingMessage> {
  if (method !== 'GET' && method !== 'HEAD') return once(method, url, headers, body, o);
  const origin = url.origin;
  let at = url;
  for (let hop = 0; hop <= 5; hop++) {
    const sameOrigin = at.origin === origin;
    const { Authorization: _auth, ...rest } = headers;
    const res = await once(method, at, sameOrigin ? headers : rest, undefined, o);
    const code = res.statusCode ?? 0;
    if (code >= 300 && code < 400 && res.headers.location) {
      res.resume();
      at = new URL(res.headers.location, at);
      continue;
    }
    return res;
  }
  throw new ImportError(`${url.href}: more than 5 redirects`);
}

/** The whole body of a small response (manifests, tokens, error documents). */
export async function readBody(res: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res) {
    n += (c as Buffer).length;
    if (n > limit) {
      res.destroy();
      throw new ImportError(`${what}: the answer is larger than ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
