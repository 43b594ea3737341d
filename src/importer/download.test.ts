import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ChecksumVerifier } from './checksum.ts';
import { downloadTo } from './download.ts';

const dir = mkdtempSync(join(tmpdir(), 'vireo-download-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A source delivering `data` in 1000-byte chunks. */
const source = (data: Buffer) => ({ body: Readable.from((function* () { for (let i = 0; i < data.length; i += 1000) yield data.subarray(i, i + 1000); })()), length: data.length });

test('the checksum covers the bytes as served (gzip), the file gets them decompressed', async () => {
  const plain = Buffer.alloc(100_000, 'vireo');
  const served = gzipSync(plain);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const ok = await downloadTo(source(served), join(dir, 'ok.img'), 'src', () => undefined, new ChecksumVerifier({ algorithm: 'sha256', hex: sha(served) }));
  assert.deepEqual(ok, { compression: 'gz', bytesRead: served.length });
  assert.deepEqual(readFileSync(join(dir, 'ok.img')), plain);
  await assert.rejects(
    downloadTo(source(served), join(dir, 'bad.img'), 'src', () => undefined, new ChecksumVerifier({ algorithm: 'sha256', hex: sha(plain) })),
    { message: `src: checksum mismatch: expected sha256:${sha(plain)}, got sha256:${sha(served)}` },
  );
});

test('a sink that cannot start fails the download instead of leaving the source waiting', { timeout: 30_000 }, async () => {
  for (const head of [Buffer.from('plain bytes'), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])]) {
    const taken = join(dir, 'taken.img');
    writeFileSync(taken, 'x');
    const body = Readable.from((function* () { yield head; for (let i = 0; i < 64; i++) yield Buffer.alloc(1 << 20); })());
    await assert.rejects(downloadTo({ body, length: undefined }, taken, 'src', () => undefined), /EEXIST/);
    rmSync(taken);
  }
});
