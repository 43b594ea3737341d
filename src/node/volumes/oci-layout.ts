// A containerDisk stored as an OCI image layout directory (index.json, blobs/sha256/…), as
// `skopeo copy … oci:DIR` or `podman save --format oci-dir` write it. KubeVirt's containerDisk images
// carry the disk as the one file under /disk/ in a layer. The layer is verified against its digest
// and the disk extracted once into the node's cache, keyed by the layer digest.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { choosePlatform } from '../../importer/registry/manifest.ts';
import { VmiFailure } from '../vmi-failure.ts';

const run = promisify(execFile);

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string };
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

function blobPath(layout: string, digest: string): string {
  const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!m) throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: unsupported digest "${digest}"`);
  return join(layout, 'blobs', 'sha256', m[1]!);
}

async function readJson<T>(layout: string, path: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: cannot read ${what}: ${(e as Error).message}`);
  }
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

/** The image manifest for linux/amd64 (or the only one), following nested indexes. */
async function pickManifest(layout: string, index: { manifests?: Descriptor[] }): Promise<{ layers?: Descriptor[] }> {
  const chosen = choosePlatform(index.manifests ?? []);
  if (!chosen) throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: no linux/amd64 manifest in index.json`);
  const doc = await readJson<{ mediaType?: string; manifests?: Descriptor[]; layers?: Descriptor[] }>(layout, blobPath(layout, chosen.digest), `manifest ${chosen.digest}`);
  if (INDEX_TYPES.has(chosen.mediaType ?? '') || doc.manifests) return pickManifest(layout, doc);
  return doc;
}

/**
 * The disk file of the OCI layout at `layout`, extracted into `cacheDir`. `innerPath` is
 * containerDisk.path (a file in the image); by default the one file under /disk/.
 */
export async function diskFromOciLayout(layout: string, cacheDir: string, innerPath?: string): Promise<string> {
  const index = await readJson<{ manifests?: Descriptor[] }>(layout, join(layout, 'index.json'), 'index.json');
  const manifest = await pickManifest(layout, index);
  const wanted = innerPath?.replace(/^\/+/, '');
  const matches = (entry: string): boolean => {
    const e = entry.replace(/^\.\//, '');
    return wanted ? e === wanted : /^disk\/[^/]+$/.test(e);
  };
  // The disk is normally in the last layer; look from the top down.
  for (const layer of [...(manifest.layers ?? [])].reverse()) {
    const blob = blobPath(layout, layer.digest);
    const hex = layer.digest.slice('sha256:'.length);
    const cached = join(cacheDir, hex);
    const done = await cachedDisk(cached);
    if (done) return done;
    const { stdout } = await run('tar', ['-tf', blob], { maxBuffer: 64 << 20 }).catch((e: unknown) => {
      throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: layer ${layer.digest} is not a readable tar: ${(e as Error).message}`);
    });
    const entry = stdout.split('\n').find(matches);
    if (!entry) continue;
    const actual = await sha256File(blob);
    if (actual !== layer.digest) {
      throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: layer digest mismatch (manifest says ${layer.digest}, the blob is ${actual})`);
    }
    await mkdir(cacheDir, { recursive: true });
    const tmp = await mkdtemp(join(cacheDir, `.extract-${hex.slice(0, 12)}-`));
    try {
      await run('tar', ['-xf', blob, '-C', tmp, entry]);
      await mkdir(join(tmp, 'out'));
      await rename(join(tmp, entry), join(tmp, 'out', basename(entry)));
      // Whole directory renamed into place: a concurrent start sees all of it or nothing.
      await rename(join(tmp, 'out'), cached).catch(async (e: unknown) => {
        if ((e as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    const out = await cachedDisk(cached);
    if (out) return out;
  }
  throw new VmiFailure('ErrImagePull', `OCI layout ${layout}: no layer holds ${wanted ? `"${wanted}"` : 'a file under /disk/'}`);
}

/** The one file in a cache directory, or undefined when the directory is absent or not complete. */
export async function cachedDisk(dir: string): Promise<string | undefined> {
  try {
    const files = (await readdir(dir)).filter((f) => !f.startsWith('.'));
    if (files.length !== 1) return undefined;
    const path = join(dir, files[0]!);
    return (await stat(path)).isFile() ? path : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
