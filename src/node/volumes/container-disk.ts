// containerDisk: a read-only image from the node's local store (a disk file named by the
// reference, or an OCI image layout) or, when the store lacks it, pulled from its registry into
// the node's cache (registry-disk.ts), under a per-VMI qcow2 overlay that is discarded at stop.
// A missing image fails the VMI with ErrImagePull naming where the node looked and why the pull failed.
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createOverlay, info } from '../../qemu/img.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';
import { supportsDirectIO } from './direct-io.ts';
import { imageDirOf, parseImageRef } from './image-ref.ts';
import { diskFromOciLayout } from './oci-layout.ts';
import { pullContainerDisk } from './registry-disk.ts';

const DISK_FILES = ['disk.qcow2', 'disk.img', 'disk.raw'];

/**
 * Base images are never written, so their format is probed once per file version (a qemu-img run
 * costs ~15 ms of every start and every migration target's preparation).
 */
const formats = new Map<string, { version: string; format: string }>();

async function formatOf(path: string): Promise<string> {
  const st = await stat(path);
  const version = `${st.ino}:${st.size}:${st.mtimeMs}`;
  const hit = formats.get(path);
  if (hit?.version === version) return hit.format;
  const format = (await info(path)).format;
  formats.set(path, { version, format });
  return format;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The backing disk of an image in the node's local store, or undefined when the store lacks it. */
export async function localContainerDisk(image: string, imageDir: string, cacheDir: string, innerPath?: string): Promise<string | undefined> {
  const dir = imageDirOf(imageDir, parseImageRef(image));
  for (const f of DISK_FILES) {
    const p = join(dir, f);
    if (await exists(p)) return p;
  }
  if (await exists(join(dir, 'index.json'))) return diskFromOciLayout(dir, cacheDir, innerPath);
  return undefined;
}

/** Where the local store was searched, for messages. */
async function localMiss(image: string, imageDir: string): Promise<string> {
  const dir = imageDirOf(imageDir, parseImageRef(image));
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  return `looked for ${DISK_FILES.join(', ')} or an OCI layout (index.json) in ${dir}${isDir ? '' : ' (no such directory)'}`;
}

/** The backing disk file of an image reference in the local store; ErrImagePull when missing. */
export async function findContainerDisk(image: string, imageDir: string, cacheDir: string, innerPath?: string): Promise<string> {
  const found = await localContainerDisk(image, imageDir, cacheDir, innerPath);
  if (found) return found;
  throw new VmiFailure('ErrImagePull', `containerDisk image "${image}" not found on this node: ${await localMiss(image, imageDir)}`);
}

export async function resolveContainerDisk(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const src = vol.containerDisk!;
  if (!src.image) throw new VmiFailure('InvalidImageName', `volume "${vol.name}": containerDisk.image is required`);
  const image = src.image;
  const backing = (await localContainerDisk(image, ctx.imageDir, ctx.cacheDir, src.path)) ?? (await pullContainerDisk(ctx, { ...src, image }, await localMiss(image, ctx.imageDir)));
  const fmt = await formatOf(backing);
  if (fmt !== 'qcow2' && fmt !== 'raw') {
    throw new VmiFailure('ErrImagePull', `containerDisk image "${src.image}": ${backing} is ${fmt}; only qcow2 and raw disks are supported`);
  }
  const overlay = join(ctx.run.dir, `containerdisk-${vol.name}.qcow2`);
  // An adopted or retried start keeps the overlay it already has (the guest may be using it).
  if (!(await exists(overlay))) await createOverlay(overlay, backing, fmt);
  const directIO = (await supportsDirectIO(ctx.run.dir)) && (await supportsDirectIO(join(backing, '..')));
  return { name: vol.name, path: overlay, format: 'qcow2', readOnly: false, kind: 'disk', backing: { path: backing, format: fmt }, directIO };
}
