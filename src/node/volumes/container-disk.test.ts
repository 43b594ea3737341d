// containerDisk lookup in the local image store: reference → directory, a plain disk file, an OCI
// image layout (digest checked, disk extracted once), and the ErrImagePull message when missing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VmiFailure } from '../vmi-failure.ts';
import { findContainerDisk } from './container-disk.ts';
import { imageDirOf, parseImageRef } from './image-ref.ts';

const root = mkdtempSync(join(tmpdir(), 'vireo-cdisk-'));
after(() => rmSync(root, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An OCI layout whose one layer holds disk/disk.img with `content`; returns the layer digest. */
function ociLayout(dir: string, content: string): string {
  const stage = mkdtempSync(join(root, 'stage-'));
  mkdirSync(join(stage, 'disk'));
  writeFileSync(join(stage, 'disk', 'disk.img'), content);
  const tarPath = join(stage, 'layer.tar.gz');
  execFileSync('tar', ['-czf', tarPath, '-C', stage, 'disk']);
  const layer = readFileSync(tarPath);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'blobs', 'sha256', sha(layer)), layer);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha(layer)}` }] }));
  writeFileSync(join(dir, 'blobs', 'sha256', sha(manifest)), manifest);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}`, platform: { os: 'linux', architecture: 'amd64' } }] }));
  return sha(layer);
}

describe('containerDisk image store', () => {
  it('maps references to store directories the way docker names them', () => {
    assert.deepEqual(parseImageRef('vireo.local/tiny:latest'), { repository: 'vireo.local/tiny', version: 'latest' });
    assert.deepEqual(parseImageRef('quay.io/containerdisks/fedora'), { repository: 'quay.io/containerdisks/fedora', version: 'latest' });
    assert.deepEqual(parseImageRef('cirros:0.6'), { repository: 'docker.io/library/cirros', version: '0.6' });
    assert.deepEqual(parseImageRef('localhost:5000/a/b:v1'), { repository: 'localhost:5000/a/b', version: 'v1' });
    assert.equal(imageDirOf('/s', parseImageRef(`x.io/a@sha256:${'a'.repeat(64)}`)), `/s/x.io/a/sha256-${'a'.repeat(64)}`);
    assert.throws(() => parseImageRef('x.io/UPPER:1'), VmiFailure);
  });

  it('finds a disk file named by the reference', async () => {
    const store = join(root, 'store1');
    mkdirSync(join(store, 'vireo.local/tiny/latest'), { recursive: true });
    writeFileSync(join(store, 'vireo.local/tiny/latest/disk.img'), 'raw');
    assert.equal(await findContainerDisk('vireo.local/tiny', store, join(root, 'cache1')), join(store, 'vireo.local/tiny/latest/disk.img'));
  });

  it('extracts the disk from an OCI layout once and refuses a layer whose digest does not match', async () => {
    const store = join(root, 'store2');
    const cache = join(root, 'cache2');
    const layout = join(store, 'vireo.local/oci/v1');
    const digest = ociLayout(layout, 'disk-bytes');
    const disk = await findContainerDisk('vireo.local/oci:v1', store, cache);
    assert.equal(disk, join(cache, digest, 'disk.img'));
    assert.equal(readFileSync(disk, 'utf8'), 'disk-bytes');

    const bad = join(store, 'vireo.local/bad/v1');
    const badDigest = ociLayout(bad, 'original');
    // Same name, other bytes: a tampered blob.
    const blob = join(bad, 'blobs', 'sha256', badDigest);
    const other = mkdtempSync(join(root, 'other-'));
    const d2 = ociLayout(other, 'tampered');
    renameSync(join(other, 'blobs', 'sha256', d2), blob);
    await assert.rejects(findContainerDisk('vireo.local/bad:v1', store, join(root, 'cache3')), (e: unknown) => e instanceof VmiFailure && /digest mismatch/.test(e.message));
  });

  it('a missing image is ErrImagePull naming the reference and where the node looked', async () => {
    const store = join(root, 'store3');
    await assert.rejects(findContainerDisk('vireo.local/nope:v2', store, join(root, 'c')), (e: unknown) => {
      assert.ok(e instanceof VmiFailure);
      assert.equal(e.reason, 'ErrImagePull');
      assert.match(e.message, /"vireo\.local\/nope:v2" not found.*store3\/vireo\.local\/nope\/v2 \(no such directory\)/);
      return true;
    });
  });
});
