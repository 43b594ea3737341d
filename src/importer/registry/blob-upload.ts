// The push half of the distribution API: blob uploads (POST opens a session; PATCHes add chunks
// with their Content-Range; a PUT ?digest= closes it, with the last bytes or none) and the
// manifest PUT. Each answer's Location is where the next request goes, as the spec requires.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ImportError } from '../errors.ts';
import type { RegistryClient } from './client.ts';

export const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function location(res: IncomingMessage, what: string): string {
  res.resume();
  const loc = res.headers.location;
  if (!loc) throw new ImportError(`${what}: the registry answered ${res.statusCode} without a Location`);
  return loc;
}

/** `loc` with a query parameter set, kept absolute or path-only as the registry wrote it. */
function withParam(loc: string, key: string, value: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(loc);
  const u = new URL(loc, 'http://registry.invalid');
  u.searchParams.set(key, value);
  return absolute ? u.href : `${u.pathname}${u.search}`;
}

export class BlobUpload {
  private offset = 0;

  private constructor(
    private readonly client: RegistryClient,
    private readonly repository: string,
    private readonly label: string,
    private loc: string,
  ) {}

  static async start(client: RegistryClient, repository: string, label: string): Promise<BlobUpload> {
    const res = await client.call('POST', repository, `/v2/${repository}/blobs/uploads/`, { body: Buffer.alloc(0), push: true, label });
    return new BlobUpload(client, repository, label, location(res, `${label}: starting a blob upload`));
  }

  /** Bytes sent so far. */
  get sent(): number {
    return this.offset;
  }

  async append(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    const range = `${this.offset}-${this.offset + chunk.length - 1}`;
    const res = await this.client.call('PATCH', this.repository, this.loc, {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': range },
      body: chunk,
      push: true,
      label: `${this.label}: upload of bytes ${range}`,
    });
    this.loc = location(res, `${this.label}: upload of bytes ${range}`);
    this.offset += chunk.length;
  }

  /** Closes the upload with its `last` bytes, if any; the registry checks them all against `digest`. */
  async finish(digest: string, last: Buffer = Buffer.alloc(0)): Promise<void> {
    const res = await this.client.call('PUT', this.repository, withParam(this.loc, 'digest', digest), {
      headers: { 'Content-Type': 'application/octet-stream' },
      body: last,
      push: true,
      label: `${this.label}: completing the upload of ${digest}`,
    });
    res.resume();
    this.offset += last.length;
  }
}

/** A small blob in one PUT (monolithic upload); resolves with its digest. */
export async function uploadBlob(client: RegistryClient, repository: string, blob: Buffer, label: string): Promise<string> {
  const digest = sha256(blob);
  await (await BlobUpload.start(client, repository, label)).finish(digest, blob);
  return digest;
}

export async function putManifest(client: RegistryClient, repository: string, reference: string, manifest: Buffer, mediaType: string, label: string): Promise<void> {
  const res = await client.call('PUT', repository, `/v2/${repository}/manifests/${reference}`, {
    headers: { 'Content-Type': mediaType },
    body: manifest,
    push: true,
    label: `${label}: manifest`,
  });
  res.resume();
}
