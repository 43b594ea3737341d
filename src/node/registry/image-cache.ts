// containerDisk images pulled from registries into the node's cache, keyed by manifest digest:
// `<cacheDir>/registry/sha256-<hex>/<disk file>`, so every VMI of the same image shares one
// read-only backing disk. `refs/` remembers which digest a reference last resolved to, for
// IfNotPresent. Concurrent pulls of one image in this process share one download; the disk is
// written in a temporary directory that is renamed into place whole, so a crash mid-pull never
// leaves a partial disk that looks cached.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImportError } from '../../importer/errors.ts';
import { RegistryClient, type RegistryAccess } from '../../importer/registry/client.ts';
import { extractDisk, resolveImage, type ResolvedImage } from '../../importer/registry/pull.ts';
import { DIGEST, formatReference, type ImageReference } from '../../importer/registry/reference.ts';
import { normalizeEntry } from '../../importer/registry/tar-entry.ts';
import { cachedDisk } from '../volumes/oci-layout.ts';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface CachePull {
  ref: ImageReference;
  cacheDir: string;
  policy: PullPolicy;
  /** containerDisk.path, when not the one file under /disk/. */
  innerPath?: string;
  /** The registry's access settings, computed only when the registry is contacted. */
  access: () => Promise<RegistryAccess>;
}

/** Kubernetes' default: Always for `latest` (or no tag), IfNotPresent for other tags and digests. */
export function defaultPullPolicy(ref: ImageReference): PullPolicy {
  return ref.reference === 'latest' ? 'Always' : 'IfNotPresent';
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const inflight = new Map<string, Promise<string>>();

/** The cached disk of the image, pulled first when the policy says so; ImportError on failure. */
export async function pullToCache(p: CachePull): Promise<string> {
  const root = join(p.cacheDir, 'registry');
  const inner = p.innerPath ? normalizeEntry(p.innerPath) : undefined;
  // A different containerDisk.path is a different file from the same image.
  const variant = inner ? `-${sha(inner).slice(0, 12)}` : '';
  const refFile = join(root, 'refs', sha(`${formatReference(p.ref)}${variant}`));
  const dirOf = (digest: string) => join(root, `${digest.replace(':', '-')}${variant}`);
  if (p.policy !== 'Always') {
    const known = await readFile(refFile, 'utf8').then((s) => s.trim(), (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    const hit = known && DIGEST.test(known) ? await cachedDisk(dirOf(known)) : undefined;
    if (hit) return hit;
    if (p.policy === 'Never') throw new ImportError(`${formatReference(p.ref)} is not in the node's image cache and imagePullPolicy is Never`);
  }
  const client = new RegistryClient(await p.access());
  const image = await resolveImage(client, p.ref);
  const dir = dirOf(image.digest);
  let path = await cachedDisk(dir);
  if (!path) {
    let pull = inflight.get(dir);
    if (!pull) {
      pull = download(client, p.ref, image, root, dir, inner).finally(() => inflight.delete(dir));
      inflight.set(dir, pull);
    }
    path = await pull;
  }
  await mkdir(join(root, 'refs'), { recursive: true });
  // Unique per call: concurrent pulls of one reference each write their own, the last rename wins.
  const tmp = `${refFile}.tmp-${randomBytes(6).toString('hex')}`;
  await writeFile(tmp, image.digest);
  await rename(tmp, refFile);
  return path;
}

async function download(client: RegistryClient, ref: ImageReference, image: ResolvedImage, root: string, dir: string, inner: string | undefined): Promise<string> {
  await mkdir(root, { recursive: true });
  const tmp = await mkdtemp(join(root, '.pull-'));
  try {
    const out = join(tmp, 'out');
    await mkdir(out);
    const staging = join(out, '.disk.tmp');
    const entry = await extractDisk(client, ref, image, staging, { innerPath: inner });
    await rename(staging, join(out, basename(entry)));
    await rename(out, dir).catch((e: NodeJS.ErrnoException) => {
      // Another agent process won the race with the same bytes: keep theirs.
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const path = await cachedDisk(dir);
  if (!path) throw new ImportError(`${formatReference(ref)}: the pulled disk is missing from ${dir}`);
  return path;
}
