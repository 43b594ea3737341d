import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, describe, it } from 'node:test';
import { containerDiskTar, imageConfig, imageManifest } from './containerdisk-image.ts';
import { parseManifest } from './manifest.ts';
import { TarEntryExtractor, parseNumeric } from './tar-entry.ts';
import { tarHeader } from './tar-write.ts';

const dir = mkdtempSync(join(tmpdir(), 'vireo-cdimage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function layerOf(content: Buffer): Promise<{ tar: string; progress: number[] }> {
  const disk = join(dir, `src-${content.length}`);
  writeFileSync(disk, content);
  const progress: number[] = [];
  const chunks: Buffer[] = [];
  for await (const c of containerDiskTar({ path: disk, name: 'disk.qcow2', size: content.length, mtime: 1_700_000_000 }, (n) => progress.push(n))) chunks.push(c);
  const tar = join(dir, `layer-${content.length}.tar`);
  writeFileSync(tar, Buffer.concat(chunks));
  return { tar, progress };
}

describe('containerDisk layer', () => {
  it('is a tar GNU tar lists as /disk/ and the disk owned 107:107, mode 0440', async () => {
    const content = Buffer.from('QFI\xfb a tiny pretend disk, not block aligned', 'latin1');
    const { tar, progress } = await layerOf(content);
    const listing = execFileSync('tar', ['--numeric-owner', '-tvf', tar], { env: { ...process.env, TZ: 'UTC' } }).toString().trim().split('\n');
    assert.equal(listing.length, 2);
    assert.match(listing[0]!, /^dr-xr-xr-x 107\/107 +0 2023-11-14 22:13 disk\/$/);
    assert.match(listing[1]!, new RegExp(`^-r--r----- 107/107 +${content.length} 2023-11-14 22:13 disk/disk\\.qcow2$`));
    const out = join(dir, 'x');
    execFileSync('tar', ['-xf', tar, '-C', dir, '--transform', 's,disk/disk.qcow2,x,']);
    assert.deepEqual(readFileSync(out), content);
    assert.equal(progress.at(-1), content.length);
  });

  it('is read back by the pull side (tar-entry.ts) byte for byte', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 7, 0xab);
    const { tar } = await layerOf(content);
    const dest = join(dir, 'pulled');
    const x = new TarEntryExtractor((e) => /^disk\/[^/]+$/.test(e), dest);
    await pipeline(Readable.from([readFileSync(tar)]), x);
    assert.equal(x.found, 'disk/disk.qcow2');
    assert.deepEqual(readFileSync(dest), content);
  });

  it('writes sizes of 8 GiB and more in base-256, as GNU tar does', () => {
    const size = 9 * 1024 ** 3 + 5;
    const h = tarHeader({ name: 'disk/big.img', type: 'file', mode: 0o440, uid: 107, gid: 107, size, mtime: 0 });
    assert.equal(h[124]! & 0x80, 0x80);
    assert.equal(parseNumeric(h.subarray(124, 136)), size);
  });

  it('has an OCI config for linux/amd64 naming the tar as its one diff_id, and a manifest the pull side reads', () => {
    const diffId = `sha256:${'1'.repeat(64)}`;
    const config = JSON.parse(imageConfig(diffId, 1_700_000_000).toString()) as { os: string; architecture: string; rootfs: { diff_ids: string[] }; created: string };
    assert.deepEqual([config.os, config.architecture, config.rootfs.diff_ids, config.created], ['linux', 'amd64', [diffId], '2023-11-14T22:13:20.000Z']);
    const layer = { digest: `sha256:${'2'.repeat(64)}`, size: 1234 };
    const parsed = parseManifest(imageManifest({ digest: `sha256:${'3'.repeat(64)}`, size: 99 }, layer), 'application/vnd.oci.image.manifest.v1+json', 'test');
    assert.equal(parsed.kind, 'image');
    assert.deepEqual(parsed.kind === 'image' ? parsed.layers.map((l) => [l.digest, l.size, l.mediaType]) : [], [[layer.digest, 1234, 'application/vnd.oci.image.layer.v1.tar+gzip']]);
  });
});
