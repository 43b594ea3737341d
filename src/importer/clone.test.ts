// cloneDisk copies a volume's disk.img as the raw bytes it is: a guest that wrote a qcow2 header
// (with a backing file naming a host file) onto its disk gets exactly those bytes in the clone,
// not the host file's contents.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cloneDisk } from './populate.ts';

const dir = mkdtempSync(join(tmpdir(), 'vireo-clone-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 1024 * 1024;

test('a disk.img holding a qcow2 header with a backing file is cloned byte for byte', async () => {
  const secret = join(dir, 'host-secret');
  writeFileSync(secret, Buffer.alloc(MiB, 'host-only '));
  // What a guest could write onto its raw disk: a qcow2 image whose backing file is a host path.
  const source = join(dir, 'source-disk.img');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', secret, source, String(MiB)]);
  const target = join(dir, 'target');
  mkdirSync(target);
  await cloneDisk({ dir: target, sizeBytes: 4 * MiB, requestedBytes: 4 * MiB, onProgress: () => undefined }, source, 'default/source');
  const out = readFileSync(join(target, 'disk.img'));
  const src = readFileSync(source);
  assert.equal(statSync(join(target, 'disk.img')).size, 4 * MiB);
  assert.deepEqual(out.subarray(0, src.length), src);
  assert.ok(out.subarray(src.length).every((b) => b === 0));
  assert.ok(!out.includes(Buffer.from('host-only')));
});

test('a source larger than the target is refused and leaves no disk', async () => {
  const source = join(dir, 'big-disk.img');
  writeFileSync(source, Buffer.alloc(2 * MiB, 1));
  const target = join(dir, 'small');
  mkdirSync(target);
  await assert.rejects(cloneDisk({ dir: target, sizeBytes: MiB, requestedBytes: MiB, onProgress: () => undefined }, source, 'default/big'), { name: 'ImportError', message: /^image virtual size 2Mi \(2097152 bytes\) is larger than the available size 1Mi \(1048576 bytes\)/ });
  assert.throws(() => statSync(join(target, 'disk.img')), { code: 'ENOENT' });
});
