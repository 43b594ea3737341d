// Opens an http(s) source: the CA bundle from certConfigMap added to the system trust store,
// basic auth from secretRef, extra headers, up to 5 redirects (credentials only kept on the same
// origin). Non-2xx answers become one-line ImportErrors (404, 401, …).
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { ImportError, describe } from './errors.ts';

export interface HttpSourceOptions {
  url: string;
  /** PEM CA bundle(s) to trust in addition to the system's. */
  caBundle?: string;
  basicAuth?: { user: string; password: string };
  extraHeaders?: string[];
  signal?: AbortSignal;
}

export interface OpenedSource {
  body: IncomingMessage;
  /** Content-Length when the server sent one. */
  length: number | undefined;
}

function headersOf(opts: HttpSourceOptions, withAuth: boolean): Record<string, string> {
  const h: Record<string, string> = { 'User-Agent': 'vireo-importer', Accept: '*/*' };
  for (const line of opts.extraHeaders ?? []) {
    const i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  if (withAuth && opts.basicAuth) h.Authorization = `Basic ${Buffer.from(`${opts.basicAuth.user}:${opts.basicAuth.password}`).toString('base64')}`;
  return h;
}

function statusError(res: IncomingMessage, url: string, authed: boolean): ImportError {
  const code = res.statusCode ?? 0;
  const text = `HTTP ${code} ${res.statusMessage ?? ''}`.trim();
  if (code === 401 || code === 403) {
    return new ImportError(`${text} from ${url}: unauthorized; ${authed ? 'the credentials in secretRef (accessKeyId/secretKey) were refused' : 'the server wants credentials: set secretRef'}`);
  }
  if (code === 404) return new ImportError(`${text} from ${url}: the image does not exist at this URL`);
  return new ImportError(`${text} from ${url}`);
}

export async function openHttpSource(opts: HttpSourceOptions): Promise<OpenedSource> {
  const origin = new URL(opts.url).origin;
  let url = opts.url;
  for (let hop = 0; hop <= 5; hop++) {
    const u = new URL(url);
    const sameOrigin = u.origin === origin;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const common = { method: 'GET', headers: headersOf(opts, sameOrigin), signal: opts.signal };
      const req =
        u.protocol === 'https:'
          ? https.request(u, { ...common, ca: opts.caBundle ? [...rootCertificates, opts.caBundle] : undefined }, resolve)
          : http.request(u, common, resolve);
      req.on('error', (e) => reject(describe(e, url)));
      req.end();
    });
    const code = res.statusCode ?? 0;
    if (code >= 300 && code < 400 && res.headers.location) {
      res.resume();
      url = new URL(res.headers.location, url).toString();
      continue;
    }
    if (code < 200 || code >= 300) {
      res.resume();
      throw statusError(res, url, !!opts.basicAuth && sameOrigin);
    }
    const len = Number(res.headers['content-length']);
    return { body: res, length: Number.isFinite(len) && len > 0 ? len : undefined };
  }
  throw new ImportError(`${opts.url}: more than 5 redirects`);
}
