// Pushes a disk as a KubeVirt containerDisk through the distribution API, as `podman push` would:
// one layer holding disk/<name> (owned by 107:107 like KubeVirt's images), a config blob, and an
// OCI (or Docker v2 schema 2) manifest — optionally under an index next to a decoy arm64 image,
// so a pull must choose linux/amd64. Blobs go up monolithically (POST, then PUT ?digest=).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { TestRegistry } from './registry.ts';

export interface PushOptions {
  /** gzip the layer (default true); false pushes a plain tar layer. */
  gzip?: boolean;
  /** Docker v2 schema 2 media types instead of OCI's. */
  docker?: boolean;
  /** Put the image under an index with a decoy linux/arm64 image. */
  index?: boolean;
  /** File name under /disk/ (default disk.img). */
  diskName?: string;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(reg: TestRegistry, method: string, path: string, body?: Buffer, contentType?: string): Promise<Answer> {
  const url = new URL(path, reg.url);
  const headers: Record<string, string | number> = {};
  if (reg.auth) headers.Authorization = `Basic ${Buffer.from(`${reg.auth.user}:${reg.auth.password}`).toString('base64')}`;
  if (body) Object.assign(headers, { 'Content-Type': contentType ?? 'application/octet-stream', 'Content-Length': body.length });
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, ca: reg.caPem }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function expect(a: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const r = await a;
  if (r.status !== status) throw new Error(`push: ${what}: HTTP ${r.status} ${r.body}`);
  return r;
}

async function uploadBlob(reg: TestRegistry, repo: string, blob: Buffer): Promise<string> {
  const digest = sha(blob);
  const started = await expect(send(reg, 'POST', `/v2/${repo}/blobs/uploads/`), 202, `start upload of ${digest}`);
  const location = new URL(String(started.headers.location), reg.url);
  location.searchParams.set('digest', digest);
  await expect(send(reg, 'PUT', location.pathname + location.search, blob), 201, `upload ${digest}`);
  return digest;
}

/** A layer tar holding disk/<name> with the bytes of `diskPath`. */
function layerTar(diskPath: string, name: string): Buffer {
  const stage = mkdtempSync(join(tmpdir(), 'vireo-push-'));
  try {
    mkdirSync(join(stage, 'disk'));
    copyFileSync(diskPath, join(stage, 'disk', name));
    return execFileSync('tar', ['--owner=107', '--group=107', '--numeric-owner', '-cf', '-', '-C', stage, 'disk'], { maxBuffer: 1 << 30 });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function pushImage(reg: TestRegistry, repo: string, reference: string, tar: Buffer, arch: string, o: PushOptions): Promise<{ digest: string; mediaType: string; size: number }> {
  const layer = o.gzip === false ? tar : gzipSync(tar, { level: 1 });
  const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha(tar)] } }));
  const layerType = o.docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : `application/vnd.oci.image.layer.v1.tar${o.gzip === false ? '' : '+gzip'}`;
  const mediaType = o.docker ? 'application/vnd.docker.distribution.manifest.v2+json' : 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: o.docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json', digest: await uploadBlob(reg, repo, config), size: config.length },
      layers: [{ mediaType: layerType, digest: await uploadBlob(reg, repo, layer), size: layer.length }],
    }),
  );
  await expect(send(reg, 'PUT', `/v2/${repo}/manifests/${reference === 'by-digest' ? sha(manifest) : reference}`, manifest, mediaType), 201, `manifest ${repo}:${reference}`);
  return { digest: sha(manifest), mediaType, size: manifest.length };
}

/** Pushes `diskPath` as `repo:tag`; resolves with the digest the tag points at. */
export async function pushContainerDisk(reg: TestRegistry, repo: string, tag: string, diskPath: string, o: PushOptions = {}): Promise<string> {
  const tar = layerTar(diskPath, o.diskName ?? 'disk.img');
  if (!o.index) return (await pushImage(reg, repo, tag, tar, 'amd64', o)).digest;
  const decoyDir = mkdtempSync(join(tmpdir(), 'vireo-decoy-'));
  let decoyTar: Buffer;
  try {
    writeFileSync(join(decoyDir, 'arm64.img'), 'not the amd64 disk');
    decoyTar = layerTar(join(decoyDir, 'arm64.img'), o.diskName ?? 'disk.img');
  } finally {
    rmSync(decoyDir, { recursive: true, force: true });
  }
  const decoy = await pushImage(reg, repo, 'by-digest', decoyTar, 'arm64', o);
  const amd64 = await pushImage(reg, repo, 'by-digest', tar, 'amd64', o);
  const mediaType = o.docker ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: [
        { mediaType: decoy.mediaType, digest: decoy.digest, size: decoy.size, platform: { os: 'linux', architecture: 'arm64' } },
        { mediaType: amd64.mediaType, digest: amd64.digest, size: amd64.size, platform: { os: 'linux', architecture: 'amd64' } },
      ],
    }),
  );
  await expect(send(reg, 'PUT', `/v2/${repo}/manifests/${tag}`, index, mediaType), 201, `index ${repo}:${tag}`);
  return sha(index);
}
