// Pulling a containerDisk: the reference's manifest (through an index to its linux/amd64 image),
// then its layers from the top down until one holds the disk — by default the one file under
// /disk/, as KubeVirt builds containerDisks — written to a destination file. Used by DataVolume
// imports and by the node's containerDisk cache alike.
import { ImportError } from '../errors.ts';
import type { RegistryClient } from './client.ts';
import { extractFromLayer } from './layer.ts';
import { parseManifest, pickFromIndex, type Descriptor } from './manifest.ts';
import { formatReference, type ImageReference } from './reference.ts';
import { normalizeEntry } from './tar-entry.ts';

export interface ResolvedImage {
  /** Digest of the image manifest (the platform's, when the reference names an index). */
  digest: string;
  layers: Descriptor[];
}

export async function resolveImage(client: RegistryClient, ref: ImageReference): Promise<ResolvedImage> {
  const label = formatReference(ref);
  let reference = ref.reference;
  // An index may point at another index (rare, but allowed); two levels are plenty.
  for (let depth = 0; depth < 3; depth++) {
    const fetched = await client.manifest(ref.repository, reference, label);
    const parsed = parseManifest(fetched.bytes, fetched.contentType, label);
    if (parsed.kind === 'image') return { digest: fetched.digest, layers: parsed.layers };
    reference = pickFromIndex(parsed, label).digest;
  }
  throw new ImportError(`${label}: indexes nested more than two deep`);
}

export interface ExtractOptions {
  /** containerDisk.path: a file in the image; by default the one file under /disk/. */
  innerPath?: string;
  /** Fraction 0..1 of the layer bytes read. */
  onProgress?: (fraction: number) => void;
}

/** Writes the image's disk to `dest` (which must not exist) and returns its path in the image. */
export async function extractDisk(client: RegistryClient, ref: ImageReference, image: ResolvedImage, dest: string, opts: ExtractOptions = {}): Promise<string> {
  const label = formatReference(ref);
  const inner = opts.innerPath ? normalizeEntry(opts.innerPath) : undefined;
  const wanted = inner ? (e: string) => e === inner : (e: string) => /^disk\/[^/]+$/.test(e);
  const total = image.layers.reduce((n, l) => n + (l.size ?? 0), 0);
  let done = 0;
  for (const layer of [...image.layers].reverse()) {
    const blob = await client.blob(ref.repository, layer.digest, label);
    let read = 0;
    const entry = await extractFromLayer(blob, layer, dest, wanted, label, (n) => {
      read = n;
      if (total > 0) opts.onProgress?.(Math.min(1, (done + n) / total));
    });
    if (entry) return entry;
    done += layer.size ?? read;
  }
  throw new ImportError(`${label}: no layer holds ${inner ? `"/${inner}"` : 'a disk image under /disk/'} (a containerDisk image carries its qcow2 or raw disk as the one file in /disk/)`);
}
