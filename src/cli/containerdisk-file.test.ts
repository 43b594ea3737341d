import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { readLocalDisk } from './containerdisk-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'vireo-cdfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const img = (name: string, format: string) => {
  const path = join(dir, name);
  execFileSync('qemu-img', ['create', '-q', '-f', format, path, '8M']);
  return path;
};

test('qcow2 and raw are told apart by content, whatever the file is called', async () => {
  const q = await readLocalDisk(img('looks-raw.img', 'qcow2'));
  assert.deepEqual([q.format, q.name, q.virtualSize], ['qcow2', 'disk.qcow2', 8 * 1024 * 1024]);
  const r = await readLocalDisk(img('looks-qcow2.qcow2', 'raw'));
  assert.deepEqual([r.format, r.name, r.size], ['raw', 'disk.img', 8 * 1024 * 1024]);
});

test('compressed files, other formats, backing files and truncated qcow2 are refused, saying what to do', async () => {
  const gz = join(dir, 'disk.qcow2.gz');
  writeFileSync(gz, gzipSync(Buffer.alloc(4096)));
  await assert.rejects(readLocalDisk(gz), /is gz-compressed; .*decompress it first/);
  await assert.rejects(readLocalDisk(img('disk.vmdk', 'vmdk')), /is a vmdk image; a containerDisk holds qcow2 or raw: convert it first \(qemu-img convert -O qcow2 disk\.vmdk disk\.qcow2\)/);
  const base = img('base.qcow2', 'qcow2');
  const overlay = join(dir, 'overlay.qcow2');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay]);
  await assert.rejects(readLocalDisk(overlay), /has a backing file .*must be self-contained/);
  const raw = join(dir, 'data.raw');
  const truncated = join(dir, 'truncated.qcow2');
  writeFileSync(raw, randomBytes(4 * 1024 * 1024));
  execFileSync('qemu-img', ['convert', '-O', 'qcow2', raw, truncated]);
  truncateSync(truncated, 2 * 1024 * 1024);
  await assert.rejects(readLocalDisk(truncated), /truncated\.qcow2: corrupt or truncated qcow2 image/);
  await assert.rejects(readLocalDisk(join(dir, 'missing.qcow2')), /cannot read .*missing\.qcow2: no such file/);
  await assert.rejects(readLocalDisk(dir), /is not a regular file/);
});
