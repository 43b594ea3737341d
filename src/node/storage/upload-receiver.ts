// One upload into a target, answered as CDI's upload server answers: 503 while another upload is
// in progress, 409 once done, 400 with the reason when the image is refused (format, size,
// corrupt) or the transfer fails. The async URLs answer 200 once the image is received and
// validated, the others once it is converted. What happens to the DataVolume:
//   transfer cut off, image refused  → back to UploadReady (phase Ready), the reason in its message
//   conversion fails after the answer → Failed with the reason
//   converted and finalized           → Succeeded
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import { POPULATE_MESSAGE_ANNOTATION, POPULATE_PHASE_ANNOTATION, usableBytes } from '../../controllers/storage/protocol.ts';
import type { ByteSource } from '../../importer/download.ts';
import type { Target } from '../../importer/populate.ts';
import { completeUpload, receiveUpload, type ReceivedUpload } from '../../importer/upload.ts';
import type { UploadRoute } from '../endpoint/upload-route.ts';
import { countBytes } from './count-bytes.ts';
import { formFile } from './form-file.ts';
import { preallocationRequested } from './populate-job.ts';
import type { ClaimReporter } from './reporter.ts';

export interface UploadTarget {
  key: string;
  pvName: string;
  uid: string | undefined;
  dir: string;
  claim: PersistentVolumeClaim;
  state: 'ready' | 'receiving' | 'processing' | 'done';
  reporter: ClaimReporter;
  /** The request being received, so a deleted volume or a stopping agent can cut it off. */
  request?: IncomingMessage;
  /** Set when the agent let go of the target: nothing more is reported. */
  dropped?: boolean;
  /** Why the conversion failed, once it has. */
  failure?: string;
}

/** A plain-text answer, as CDI's upload server and proxy give; nothing once the client is gone. */
export function reply(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  // Closing tells a client still sending a body that the rest is not wanted.
  const close = code >= 400 ? { Connection: 'close' } : {};
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...close }).end(text);
}

function targetOf(t: UploadTarget): Target {
  const requestedBytes = parseQuantity(String(t.claim.status?.capacity?.storage ?? t.claim.spec?.resources?.requests?.storage ?? 0));
  return { dir: t.dir, sizeBytes: usableBytes(requestedBytes, t.claim.spec?.volumeMode), requestedBytes, onProgress: (f) => t.reporter.progress(f), preallocate: preallocationRequested(t.claim) };
}

/** The image bytes of the request; a form's total is unknown, so its progress counts the request's bytes. */
async function bytesOf(req: IncomingMessage, route: UploadRoute, target: Target, source: string): Promise<ByteSource> {
  const total = Number(req.headers['content-length']);
  const length = Number.isFinite(total) && total > 0 ? total : undefined;
  if (!route.form) return { body: req, length };
  const counted = countBytes(req, (n) => {
    if (length) target.onProgress((Math.min(n, length) / length) * 0.9);
  });
  return { body: await formFile(req, counted, source), length: undefined };
}

function refusal(t: UploadTarget): string | undefined {
  const name = t.key;
  if (t.state === 'receiving' || t.state === 'processing') return `an upload into PersistentVolumeClaim ${name} is already in progress`;
  if (t.state !== 'done') return undefined;
  const a = t.claim.metadata.annotations ?? {};
  const failure = t.failure ?? (a[POPULATE_PHASE_ANNOTATION] === 'Failed' ? (a[POPULATE_MESSAGE_ANNOTATION] ?? 'see its DataVolume') : undefined);
  if (failure) return `the upload into PersistentVolumeClaim ${name} failed (${failure}); delete and recreate it to upload again`;
  return `PersistentVolumeClaim ${name} has already been uploaded`;
}

export async function receive(t: UploadTarget, req: IncomingMessage, res: ServerResponse, route: UploadRoute): Promise<void> {
  // CDI's async URLs answer HEAD, which is how virtctl finds out they exist.
  if (req.method === 'HEAD') return reply(res, route.async ? 200 : 405, '');
  if (req.method !== 'POST') return reply(res, 405, `uploads are POSTed, not sent with ${req.method ?? ''}`);
  const busy = refusal(t);
  if (busy) return reply(res, t.state === 'done' ? 409 : 503, busy);
  t.state = 'receiving';
  t.request = req;
  const source = `upload into ${t.key}`;
  const target = targetOf(t);
  let received: ReceivedUpload;
  try {
    await t.reporter.transferring();
    received = await receiveUpload(target, await bytesOf(req, route, target, source), source);
  } catch (e) {
    t.state = 'ready';
    t.request = undefined;
    if (t.dropped) return;
    const message = (e as Error).message;
    await t.reporter.ready(message);
    return reply(res, 400, `Saving stream failed: ${message}`);
  }
  t.state = 'processing';
  t.request = undefined;
  if (route.async) reply(res, 200, '');
  try {
    await completeUpload(target, received, source);
    t.state = 'done';
    if (t.dropped) return;
    await t.reporter.succeeded(target.preallocate);
    reply(res, 200, '');
  } catch (e) {
    const message = (e as Error).message;
    t.state = 'done';
    t.failure = message;
    if (t.dropped) return;
    await t.reporter.failed(message);
    reply(res, 500, `Processing failed: ${message}`);
  }
}
