import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { convert, create, createOverlay, info, QemuImgError, resize } from './img.ts';
import { withTempDir } from './testing.ts';

const MiB = 1 << 20;

test('qemu-img: create, info, overlay, resize, convert with progress', async () => {
  await withTempDir(async (dir) => {
    const base = join(dir, 'base.raw');
    await create(base, 'raw', 8 * MiB);
    assert.deepEqual(await info(base).then((i) => [i.format, i.virtualSize]), ['raw', 8 * MiB]);

    const overlay = join(dir, 'overlay.qcow2');
    await createOverlay(overlay, base, 'raw');
    const oi = await info(overlay);
    assert.equal(oi.format, 'qcow2');
    assert.equal(oi.virtualSize, 8 * MiB);
    assert.equal(oi.backingFilename, base);
    assert.equal(oi.backingFormat, 'raw');

    await resize(overlay, 16 * MiB);
    assert.equal((await info(overlay)).virtualSize, 16 * MiB);

    const flat = join(dir, 'flat.qcow2');
    const seen: number[] = [];
    await convert(overlay, flat, 'qcow2', { progress: (p) => seen.push(p) });
    const fi = await info(flat);
    assert.equal(fi.format, 'qcow2');
    assert.equal(fi.backingFilename, undefined);
    assert.ok(seen.length > 0 && seen[seen.length - 1] === 100, `progress ${seen.join(',')}`);
  });
});

test('qemu-img: info detects the format from content, not the name', async () => {
  await withTempDir(async (dir) => {
    const q = join(dir, 'looks-raw.img');
    await create(q, 'qcow2', MiB);
    assert.equal((await info(q)).format, 'qcow2');
  });
});

test('qemu-img: errors carry stderr on one line', async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(info(join(dir, 'missing.qcow2')), (e: unknown) => {
      assert.ok(e instanceof QemuImgError);
      assert.match(e.message, /^qemu-img info failed: .*missing\.qcow2.*No such file/);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
    const notImg = join(dir, 'text.raw');
    writeFileSync(notImg, 'x');
    await assert.rejects(resize(notImg, MiB, { format: 'qcow2' }), QemuImgError);
    await assert.rejects(convert(join(dir, 'nope'), join(dir, 'out'), 'raw'), /qemu-img convert failed: .*nope/);
  });
});
