// Pushing a disk file as a containerDisk in one pass over the file: its tar is hashed (the config's
// diff_id), gzipped, hashed again (the layer digest) and sent in chunks of `chunkSize` while the
// next chunk is being compressed; the last chunk goes with the closing PUT, so a layer smaller
// than one chunk is a plain monolithic upload. Then the config blob and the manifest under the tag.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ImportError } from '../errors.ts';
import { BlobUpload, putManifest, sha256, uploadBlob } from './blob-upload.ts';
import type { RegistryClient } from './client.ts';
import { containerDiskTar, imageConfig, imageManifest, type DiskFile } from './containerdisk-image.ts';
import { DIGEST, formatReference, type ImageReference } from './reference.ts';
import { MEDIA } from './manifest.ts';

export interface PushOptions {
  /** Bytes per upload request (PATCH). */
  chunkSize: number;
  /** Disk bytes read so far. */
  onProgress?: (bytes: number) => void;
}

export interface PushedImage {
  /** The manifest's digest: `repo@digest` names exactly what was pushed. */
  digest: string;
  /** The compressed layer's size. */
  layerSize: number;
}

async function* hashed(source: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/** Sends the layer; resolves with its digest and size once the registry has accepted it whole. */
async function pushLayer(client: RegistryClient, repository: string, label: string, disk: DiskFile, o: PushOptions): Promise<{ digest: string; size: number; diffId: string }> {
  const upload = await BlobUpload.start(client, repository, label);
  const tarHash = createHash('sha256');
  const gzHash = createHash('sha256');
  let size = 0;
  let last: Buffer = Buffer.alloc(0);
  // gzip level 1: disks are mostly zeros or already-compressed clusters, where higher levels
  // cost several times the CPU for a few percent.
  await pipeline(Readable.from(hashed(containerDiskTar(disk, (n) => o.onProgress?.(n)), tarHash)), createGzip({ level: 1 }), async (gz: AsyncIterable<Buffer>) => {
    let parts: Buffer[] = [];
    let length = 0;
    let inflight: Promise<void> = Promise.resolve();
    for await (const c of gz) {
      gzHash.update(c);
      size += c.length;
      parts.push(c);
      length += c.length;
      if (length < o.chunkSize) continue;
      const chunk = Buffer.concat(parts);
      parts = [];
      length = 0;
      await inflight;
      inflight = upload.append(chunk);
      // Awaited before the next chunk or after the last; this only keeps a rejection that comes
      // meanwhile from counting as unhandled.
      inflight.catch(() => undefined);
    }
    await inflight;
    last = Buffer.concat(parts);
  });
  const digest = `sha256:${gzHash.digest('hex')}`;
  await upload.finish(digest, last);
  if (upload.sent !== size) throw new ImportError(`${label}: sent ${upload.sent} of the layer's ${size} bytes`);
  return { digest, size, diffId: `sha256:${tarHash.digest('hex')}` };
}

export async function pushContainerDisk(client: RegistryClient, ref: ImageReference, disk: DiskFile, o: PushOptions): Promise<PushedImage> {
  const label = formatReference(ref);
  if (DIGEST.test(ref.reference)) throw new ImportError(`${label}: push to a tag, not a digest (the registry computes the digest)`);
  const layer = await pushLayer(client, ref.repository, label, disk, o);
  const config = imageConfig(layer.diffId, disk.mtime);
  const configDigest = await uploadBlob(client, ref.repository, config, `${label}: config`);
  const manifest = imageManifest({ digest: configDigest, size: config.length }, layer);
  await putManifest(client, ref.repository, ref.reference, manifest, MEDIA.ociManifest, label);
  return { digest: sha256(manifest), layerSize: layer.size };
}
