import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TOKEN_TTL_SECONDS, UploadTokens, loadUploadKey } from './token.ts';

const key = Buffer.alloc(32, 7);
const T0 = Date.UTC(2025, 0, 1);

test('an issued token verifies to its grant', () => {
  const tokens = new UploadTokens(key, () => T0);
  const token = tokens.issue({ namespace: 'ns', pvc: 'disk', uid: 'u-1' });
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.deepEqual(tokens.verify(token), { namespace: 'ns', pvc: 'disk', uid: 'u-1' });
});

test('a token expires after the TTL', () => {
  let now = T0;
  const tokens = new UploadTokens(key, () => now);
  const token = tokens.issue({ namespace: 'ns', pvc: 'disk' });
  now = T0 + (TOKEN_TTL_SECONDS - 1) * 1000;
  assert.deepEqual(tokens.verify(token), { namespace: 'ns', pvc: 'disk' });
  now = T0 + TOKEN_TTL_SECONDS * 1000;
  assert.deepEqual(tokens.verify(token), { refused: 'the token has expired; request a new one' });
});

test('tampered, foreign and malformed tokens are refused', () => {
  const tokens = new UploadTokens(key, () => T0);
  const [h, , s] = tokens.issue({ namespace: 'ns', pvc: 'disk' }).split('.');
  const other = Buffer.from(JSON.stringify({ op: 'Upload', namespace: 'ns', pvc: 'other', iat: 0, exp: 9e9 })).toString('base64url');
  assert.deepEqual(tokens.verify(`${h}.${other}.${s}`), { refused: 'the token signature is invalid' });
  const foreign = new UploadTokens(Buffer.alloc(32, 8), () => T0).issue({ namespace: 'ns', pvc: 'disk' });
  assert.deepEqual(tokens.verify(foreign), { refused: 'the token signature is invalid' });
  assert.deepEqual(tokens.verify('garbage'), { refused: 'not an upload token' });
  assert.deepEqual(tokens.verify(''), { refused: 'not an upload token' });
});

test('the key is made once and kept private', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-upload-key-'));
  try {
    const a = loadUploadKey(dir);
    assert.equal(a.length, 32);
    assert.deepEqual(loadUploadKey(dir), a);
    assert.equal(statSync(join(dir, 'upload-token.key')).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
