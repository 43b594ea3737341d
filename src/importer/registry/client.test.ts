// The registry client against a fake registry on loopback: Docker's token flow (Bearer challenge →
// realm with Basic credentials → token), an index resolved to linux/amd64, a blob redirected to
// another origin without the registry's credentials, the registry's own error codes, and the
// insecureRegistries rules for plain HTTP and for TLS the node does not trust.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ensureTls } from '../../apiserver/tls.ts';
import { ImportError } from '../errors.ts';
import { RegistryClient, type RegistryAccess } from './client.ts';
import { MEDIA } from './manifest.ts';
import { extractDisk, resolveImage } from './pull.ts';
import { parseReference } from './reference.ts';

const root = mkdtempSync(join(tmpdir(), 'vireo-regclient-'));
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const USER = 'puller';
const PASSWORD = 'pw';
const TOKEN = 'tok-123';

const stage = join(root, 'stage');
mkdirSync(join(stage, 'disk'), { recursive: true });
writeFileSync(join(stage, 'disk', 'disk.img'), 'the-disk');
const layer = gzipSync(execFileSync('tar', ['-cf', '-', '-C', stage, 'disk']));
const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { digest: sha(Buffer.from('{}')), size: 2 }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(layer), size: layer.length }] }));
const index = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [
      { mediaType: MEDIA.ociManifest, digest: `sha256:${'e'.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      { mediaType: MEDIA.ociManifest, digest: sha(manifest), size: manifest.length, platform: { os: 'linux', architecture: 'amd64' } },
    ],
  }),
);

const servers: http.Server[] = [];
let registry: string;
let storage: string;
let tlsRegistry: string;
let caPem: string;
const storageSawAuth: (string | undefined)[] = [];

function registryHandler(self: () => string): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      const ok = req.headers.authorization === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` && url.searchParams.get('service') === 'fake' && url.searchParams.get('scope') === 'repository:img:pull';
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' }).end(ok ? JSON.stringify({ token: TOKEN }) : '{}');
      return;
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${self()}/token",service="fake",scope="repository:img:pull"`, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const send = (type: string, body: Buffer) => res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
    if (url.pathname === '/v2/img/manifests/v1') return send(MEDIA.ociIndex, index);
    if (url.pathname === `/v2/img/manifests/${sha(manifest)}`) return send(MEDIA.ociManifest, manifest);
    if (url.pathname === `/v2/img/blobs/${sha(layer)}`) return void res.writeHead(307, { Location: `${storage}/blob` }).end();
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'nope' } }] }));
  };
}

async function listen(s: http.Server): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

before(async () => {
  const port = await listen(http.createServer(registryHandler(() => registry)));
  registry = `http://127.0.0.1:${port}`;
  const sPort = await listen(
    http.createServer((req, res) => {
      storageSawAuth.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Length': layer.length }).end(layer);
    }),
  );
  storage = `http://127.0.0.1:${sPort}`;
  const tls = ensureTls(join(root, 'pki'), ['127.0.0.1']);
  caPem = tls.caPem;
  const tPort = await listen(https.createServer({ cert: tls.certPem, key: tls.keyPem }, registryHandler(() => tlsRegistry)));
  tlsRegistry = `https://127.0.0.1:${tPort}`;
});

after(() => {
  for (const s of servers) s.close();
  rmSync(root, { recursive: true, force: true });
});

const hostOf = (url: string) => new URL(url).host;
const client = (url: string, a: Partial<RegistryAccess> = {}) => new RegistryClient({ host: hostOf(url), credentials: { user: USER, password: PASSWORD }, ...a });
const rejects = (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: unknown) => e instanceof ImportError && re.test(e.message) && !e.message.includes('\n'));

describe('registry client', () => {
  it('pulls through a Bearer token and an index, and the redirected blob gets no credentials', async () => {
    const ref = parseReference(`${hostOf(registry)}/img:v1`);
    const c = client(registry, { insecure: true });
    const image = await resolveImage(c, ref);
    assert.equal(image.digest, sha(manifest));
    const dest = join(root, 'pulled.img');
    const fractions: number[] = [];
    assert.equal(await extractDisk(c, ref, image, dest, { onProgress: (f) => fractions.push(f) }), 'disk/disk.img');
    assert.equal(readFileSync(dest, 'utf8'), 'the-disk');
    assert.equal(fractions.at(-1), 1);
    assert.deepEqual(storageSawAuth, [undefined]);
  });

  it('says what is wrong: unknown tag, refused or missing credentials', async () => {
    const host = hostOf(registry);
    await rejects(client(registry, { insecure: true }).manifest('img', 'nope', `${host}/img:nope`), new RegExp(`^${host}/img:nope: manifest unknown: no such repository, tag or digest in registry ${host}$`));
    await rejects(client(registry, { insecure: true, credentials: { user: USER, password: 'wrong' } }).manifest('img', 'v1', 'x'), /unauthorized: the token service .* refused the credentials/);
    await rejects(client(registry, { insecure: true, credentials: undefined, hints: { credentials: 'set secretRef' } }).manifest('img', 'v1', 'x'), /refused anonymous access; set secretRef/);
  });

  it('refuses plain HTTP unless the registry is listed as insecure', async () => {
    await rejects(client(registry).manifest('img', 'v1', 'x'), /registry 127\.0\.0\.1:\d+ does not speak HTTPS .*must be listed in HyperConverged spec\.insecureRegistries/);
  });

  it('verifies TLS against the system and certConfigMap CAs; insecure skips verification', async () => {
    await rejects(client(tlsRegistry, { hints: { trust: 'use certConfigMap' } }).manifest('img', 'v1', 'x'), /^TLS error from registry 127\.0\.0\.1:\d+: .*; use certConfigMap$/);
    assert.equal((await client(tlsRegistry, { caBundle: caPem }).manifest('img', 'v1', 'x')).digest, sha(index));
    assert.equal((await client(tlsRegistry, { insecure: true }).manifest('img', 'v1', 'x')).digest, sha(index));
  });

  it('names a registry that is not there', async () => {
    await rejects(new RegistryClient({ host: '127.0.0.1:1' }).manifest('img', 'v1', 'x'), /connection refused by registry 127\.0\.0\.1:1/);
  });
});
