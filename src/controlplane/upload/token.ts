// Upload tokens, as CDI's API server issues them for an UploadTokenRequest: a short-lived signed
// statement "this bearer may upload into PVC NAMESPACE/NAME (uid)". JWT-shaped (HS256) with a key
// kept in the data dir, so a restarted API server still accepts tokens it gave out. Replicas of a
// clustered API server would need the same key file (future work with the cluster mode).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** CDI's token lifetime: long enough to start an upload; the upload itself may last longer. */
export const TOKEN_TTL_SECONDS = 300;

export interface UploadGrant {
  namespace: string;
  pvc: string;
  /** The claim's uid: a token never carries over to a claim recreated under the same name. */
  uid?: string;
}

interface Payload extends UploadGrant {
  op: 'Upload';
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export class UploadTokens {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
    private readonly ttlSeconds = TOKEN_TTL_SECONDS,
  ) {}

  private sign(data: string): Buffer {
    return createHmac('sha256', this.key).update(data).digest();
  }

  issue(grant: UploadGrant): string {
    const iat = Math.floor(this.now() / 1000);
    const payload: Payload = { op: 'Upload', ...grant, iat, exp: iat + this.ttlSeconds };
    const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** The grant of a valid token, or why the token is refused. */
  verify(token: string): UploadGrant | { refused: string } {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { refused: 'not an upload token' };
    const given = Buffer.from(parts[2], 'base64url');
    const want = this.sign(`${parts[0]}.${parts[1]}`);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return { refused: 'the token signature is invalid' };
    let p: Partial<Payload>;
    try {
      p = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      return { refused: 'the token payload is malformed' };
    }
    if (p.op !== 'Upload' || typeof p.namespace !== 'string' || typeof p.pvc !== 'string' || typeof p.exp !== 'number') return { refused: 'the token grants no upload' };
    if (p.exp * 1000 <= this.now()) return { refused: 'the token has expired; request a new one' };
    return { namespace: p.namespace, pvc: p.pvc, ...(typeof p.uid === 'string' ? { uid: p.uid } : {}) };
  }
}

/** Loads `<dataDir>/upload-token.key`, creating it on first start (readable by the server only). */
export function loadUploadKey(dataDir: string): Buffer {
  const path = join(dataDir, 'upload-token.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  writeFileSync(`${path}.tmp`, `${key.toString('base64')}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return key;
}
