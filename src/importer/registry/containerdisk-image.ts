// What a containerDisk image is made of, as KubeVirt's docs build one (`FROM scratch` +
// `ADD --chown=107:107 disk.qcow2 /disk/`): one layer whose tar holds disk/<file> owned by the qemu
// user (107:107) and readable only by it (0440), an OCI image config for linux/amd64 and an OCI
// manifest naming both. Times come from the disk file, so pushing the same file again gives the
// same digests.
import { createReadStream } from 'node:fs';
import { MEDIA, type Descriptor } from './manifest.ts';
import { tarEnd, tarHeader, tarPadding } from './tar-write.ts';

/** KubeVirt's qemu user and group. */
export const QEMU_ID = 107;

export const CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const LAYER_MEDIA_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface DiskFile {
  path: string;
  /** The file's name under /disk/ in the image. */
  name: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

/** The layer's tar, streamed; `onRead` gets the count of disk bytes read so far. */
export async function* containerDiskTar(disk: DiskFile, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  const owner = { uid: QEMU_ID, gid: QEMU_ID, mtime: disk.mtime };
  yield tarHeader({ name: 'disk/', type: 'dir', mode: 0o555, size: 0, ...owner });
  yield tarHeader({ name: `disk/${disk.name}`, type: 'file', mode: 0o440, size: disk.size, ...owner });
  let read = 0;
  for await (const chunk of createReadStream(disk.path, { highWaterMark: 1 << 20 })) {
    read += (chunk as Buffer).length;
    onRead(read);
    yield chunk as Buffer;
  }
  // The header promised `size` bytes: a file that changed while read would make a corrupt layer.
  if (read !== disk.size) throw new Error(`${disk.path} changed while it was read (${read} bytes, expected ${disk.size})`);
  yield tarPadding(disk.size);
  yield tarEnd();
}

/** The image config: `diffId` is the sha256 of the uncompressed layer tar. */
export function imageConfig(diffId: string, mtime: number): Buffer {
  const created = new Date(mtime * 1000).toISOString();
  return Buffer.from(
    JSON.stringify({
      created,
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: 'vireo containerdisk push' }],
    }),
  );
}

export function imageManifest(config: Descriptor & { size: number }, layer: Descriptor & { size: number }): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: CONFIG_MEDIA_TYPE, digest: config.digest, size: config.size },
      layers: [{ mediaType: LAYER_MEDIA_TYPE, digest: layer.digest, size: layer.size }],
    }),
  );
}
