// CDI's upload proxy on the API server's port: POST /v1beta1/upload, upload-async, upload-form and
// upload-form-async (and the v1alpha1 spellings old virtctls use) with an upload token as
// `Authorization: Bearer`. The body streams through to the node agent that holds the claim's
// volume, as it arrives (never buffered), and the agent's answer streams back. A client that
// goes away mid-body cuts the agent's request too, so the agent drops the partial image.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApiServer } from '../../apiserver/server.ts';
import { cdiUploadMode, type UploadMode } from '../../node/endpoint/upload-route.ts';
import type { RootHandler } from '../templates/boot-source-files.ts';
import { UploadRefusal, findAgentTarget, type AgentTarget } from './target.ts';
import type { UploadTokens } from './token.ts';

function refuse(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), Connection: 'close' }).end(text);
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** Sends the request on to the agent and its answer back; resolves when the exchange is over. */
function relay(req: IncomingMessage, res: ServerResponse, t: AgentTarget): Promise<void> {
  const headers: Record<string, string> = { Authorization: `Bearer ${t.token}` };
  for (const h of ['content-type', 'content-length'] as const) if (req.headers[h]) headers[h] = String(req.headers[h]);
  return new Promise<void>((resolve) => {
    const upstream = http.request(t.url, { method: req.method, headers });
    upstream.on('response', (answer) => {
      req.unpipe(upstream); // an early answer (a refusal) wants no more of the body
      const out: Record<string, string> = { 'Content-Type': answer.headers['content-type'] ?? 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, private' };
      if (answer.headers['content-length']) out['Content-Length'] = answer.headers['content-length'];
      if ((answer.statusCode ?? 502) >= 400) out.Connection = 'close';
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.on('error', (e) => {
      // After the answer, the agent closing the rest of a refused body is expected.
      if (!res.headersSent) refuse(res, 503, `the node agent of node ${t.nodeName} is not reachable at ${t.url.origin}: ${e.message}`);
      resolve();
    });
    req.on('close', () => {
      if (!req.complete) upstream.destroy(new Error('the uploading client went away'));
    });
    req.pipe(upstream);
  });
}

async function serve(api: ApiServer, tokens: UploadTokens, mode: UploadMode, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearer(req);
  if (!token) return refuse(res, 401, 'Unauthorized: send the upload token (an UploadTokenRequest status.token) as Authorization: Bearer');
  const grant = tokens.verify(token);
  if ('refused' in grant) return refuse(res, 401, `Unauthorized: ${grant.refused}`);
  if (req.method !== 'POST' && !(req.method === 'HEAD' && mode.async)) return refuse(res, 405, `uploads are POSTed, not sent with ${req.method ?? ''}`);
  let target: AgentTarget;
  try {
    target = await findAgentTarget(api, grant, mode);
  } catch (e) {
    if (e instanceof UploadRefusal) return refuse(res, e.code, e.message);
    throw e;
  }
  await relay(req, res, target);
}

/** Serves CDI's upload URLs; every other path goes to `next`. */
export function uploadProxy(api: ApiServer, tokens: UploadTokens, next: RootHandler): RootHandler {
  return async (req, res) => {
    const mode = cdiUploadMode(new URL(req.url ?? '/', 'https://vireo').pathname);
    if (!mode) return next(req, res);
    await serve(api, tokens, mode, req, res);
    return true;
  };
}
