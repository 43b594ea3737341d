// The node's registry image cache against a fake plain-HTTP registry that counts requests:
// concurrent pulls of one image share one blob download, the disk lands under its manifest
// digest, pull policies decide whether the registry is asked at all, and a failed pull leaves
// nothing that looks cached. Also the imagePullSecret's docker config parsing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ImportError } from '../../importer/errors.ts';
import { MEDIA } from '../../importer/registry/manifest.ts';
import { parseReference } from '../../importer/registry/reference.ts';
import { defaultPullPolicy, pullToCache, type PullPolicy } from './image-cache.ts';
import { credentialsFromDockerConfig } from './pull-secret.ts';

const root = mkdtempSync(join(tmpdir(), 'vireo-imgcache-'));
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const stage = join(root, 'stage');
mkdirSync(join(stage, 'disk'), { recursive: true });
writeFileSync(join(stage, 'disk', 'disk.qcow2'), 'cached-disk');
const layer = gzipSync(execFileSync('tar', ['-cf', '-', '-C', stage, 'disk']));
const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { digest: sha(Buffer.from('{}')), size: 2 }, layers: [{ digest: sha(layer), size: layer.length }] }));
// Claims a layer the server answers with other bytes: the digest check fails after extraction.
const lying = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, layers: [{ digest: `sha256:${'b'.repeat(64)}`, size: layer.length }] }));
const requests: string[] = [];
let server: http.Server;
let host: string;

before(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/v2/disk/manifests/v1' || req.url === '/v2/disk/manifests/latest') return void res.writeHead(200, { 'Content-Type': MEDIA.ociManifest }).end(manifest);
    if (req.url === '/v2/disk/manifests/bad') return void res.writeHead(200, { 'Content-Type': MEDIA.ociManifest }).end(lying);
    if (req.url === `/v2/disk/blobs/sha256:${'b'.repeat(64)}`) return void res.writeHead(200, { 'Content-Length': layer.length }).end(layer);
    if (req.url === `/v2/disk/blobs/${sha(layer)}`) {
      // Slow enough that both concurrent pulls are in flight together.
      setTimeout(() => res.writeHead(200, { 'Content-Length': layer.length }).end(layer), 200);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

const pull = (cacheDir: string, tag: string, policy: PullPolicy) => pullToCache({ ref: parseReference(`${host}/disk:${tag}`), cacheDir, policy, access: async () => ({ host, insecure: true }) });
const blobs = () => requests.filter((r) => r.includes('/blobs/')).length;
const manifests = () => requests.filter((r) => r.includes('/manifests/')).length;

describe('registry image cache', () => {
  it('shares one download between concurrent pulls and keys the disk by manifest digest', async () => {
    const cache = join(root, 'c1');
    const [a, b] = await Promise.all([pull(cache, 'v1', 'IfNotPresent'), pull(cache, 'v1', 'IfNotPresent')]);
    assert.equal(a, b);
    assert.equal(a, join(cache, 'registry', sha(manifest).replace(':', '-'), 'disk.qcow2'));
    assert.equal(readFileSync(a, 'utf8'), 'cached-disk');
    assert.equal(blobs(), 1);
    assert.deepEqual(readdirSync(join(cache, 'registry')).sort(), ['refs', sha(manifest).replace(':', '-')]);
  });

  it('IfNotPresent and Never reuse the cache without asking; Always asks for the manifest only', async () => {
    const cache = join(root, 'c1');
    const [m, b] = [manifests(), blobs()];
    await pull(cache, 'v1', 'IfNotPresent');
    await pull(cache, 'v1', 'Never');
    assert.deepEqual([manifests(), blobs()], [m, b]);
    await pull(cache, 'v1', 'Always');
    assert.deepEqual([manifests(), blobs()], [m + 1, b]);
    await assert.rejects(pull(join(root, 'empty'), 'v1', 'Never'), /not in the node's image cache and imagePullPolicy is Never/);
    assert.equal(defaultPullPolicy(parseReference('r.io/x')), 'Always');
    assert.equal(defaultPullPolicy(parseReference('r.io/x:v2')), 'IfNotPresent');
  });

  it('a failed pull leaves nothing behind', async () => {
    const cache = join(root, 'c2');
    await assert.rejects(pull(cache, 'nope', 'IfNotPresent'), (e: unknown) => e instanceof ImportError && /disk:nope: manifest unknown/.test(e.message));
    await assert.rejects(pull(cache, 'bad', 'IfNotPresent'), (e: unknown) => e instanceof ImportError && /disk:bad: layer sha256:b+: digest mismatch/.test(e.message));
    const left = existsSync(cache) ? readdirSync(cache, { recursive: true }).map(String) : [];
    assert.deepEqual(left.filter((f) => /sha256-|\.pull-/.test(f)), []);
  });

  it('reads credentials for a host from an imagePullSecret docker config', () => {
    const auth = Buffer.from('u1:p:1').toString('base64');
    const cfg = JSON.stringify({ auths: { 'https://r.io:5000/v1/': { auth }, 'q.io': { username: 'u2', password: 'p2' }, 'https://index.docker.io/v1/': { auth } } });
    assert.deepEqual(credentialsFromDockerConfig(cfg, 'r.io:5000'), { user: 'u1', password: 'p:1' });
    assert.deepEqual(credentialsFromDockerConfig(cfg, 'q.io'), { user: 'u2', password: 'p2' });
    assert.deepEqual(credentialsFromDockerConfig(cfg, 'docker.io'), { user: 'u1', password: 'p:1' });
    assert.equal(credentialsFromDockerConfig(cfg, 'other.io'), undefined);
  });
});
