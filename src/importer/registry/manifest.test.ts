// Manifest parsing: OCI and Docker v2 manifests and indexes, the platform choice, and clear
// refusals (schema 1, no layers, no linux/amd64 entry, bad digests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '../errors.ts';
import { MEDIA, parseManifest, pickFromIndex } from './manifest.ts';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

test('an OCI image manifest (media type from the document or the Content-Type)', () => {
  const doc = { schemaVersion: 2, config: { digest: d('c'), size: 2 }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('a'), size: 10 }] };
  assert.deepEqual(parseManifest(json(doc), `${MEDIA.ociManifest}; charset=utf-8`, 'x'), {
    kind: 'image',
    mediaType: MEDIA.ociManifest,
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('a'), size: 10, platform: undefined }],
  });
  const docker = parseManifest(json({ ...doc, mediaType: MEDIA.dockerManifest }), 'application/json', 'x');
  assert.equal(docker.mediaType, MEDIA.dockerManifest);
});

test('an index / manifest list picks linux/amd64, else its only entry', () => {
  const list = parseManifest(
    json({
      schemaVersion: 2,
      mediaType: MEDIA.dockerList,
      manifests: [
        { digest: d('1'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { digest: d('2'), platform: { os: 'linux', architecture: 'amd64' } },
      ],
    }),
    undefined,
    'x',
  );
  assert.equal(list.kind, 'index');
  if (list.kind !== 'index') return;
  assert.equal(pickFromIndex(list, 'x').digest, d('2'));
  const single = parseManifest(json({ schemaVersion: 2, manifests: [{ digest: d('3') }] }), MEDIA.ociIndex, 'x');
  assert.equal(single.kind === 'index' && pickFromIndex(single, 'x').digest, d('3'));
  const arm = parseManifest(json({ schemaVersion: 2, manifests: [{ digest: d('1'), platform: { os: 'linux', architecture: 'arm64' } }, { digest: d('4'), platform: { os: 'windows', architecture: 'amd64' } }] }), MEDIA.ociIndex, 'r/x:1');
  assert.throws(() => arm.kind === 'index' && pickFromIndex(arm, 'r/x:1'), /r\/x:1: no linux\/amd64 image in the index \(it has linux\/arm64, windows\/amd64\)/);
});

test('refusals say what is wrong', () => {
  const bad = (v: unknown, re: RegExp, type?: string) => assert.throws(() => parseManifest(typeof v === 'string' ? Buffer.from(v) : json(v), type, 'img'), (e: unknown) => e instanceof ImportError && re.test(e.message));
  bad({ schemaVersion: 1, fsLayers: [] }, /Docker schema 1 manifests are not supported/);
  bad({ schemaVersion: 2 }, /has no layers/, MEDIA.ociManifest);
  bad('<html>', /img: the manifest is not JSON/);
  bad({ schemaVersion: 2, layers: [{ digest: 'md5:abc' }] }, /without a sha256 digest/);
  bad({ schemaVersion: 3, layers: [] }, /unsupported manifest \(schemaVersion 3/);
});
