// hostDisk: a disk image file on the node. `Disk` must exist; `DiskOrCreate` creates a sparse raw
// file of `capacity` when missing. Node-local, so the VMI is not live-migratable (vmi-status.ts).
import { access, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { create, info } from '../../qemu/img.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';
import { supportsDirectIO } from './direct-io.ts';
import { capacityBytes } from './empty-disk.ts';

export async function resolveHostDisk(_ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const src = vol.hostDisk!;
  const path = src.path ?? '';
  if (!isAbsolute(path)) throw new VmiFailure('InvalidVolume', `volume "${vol.name}": hostDisk.path must be an absolute path on the node, not "${path}"`);
  const present = await access(path).then(() => true, () => false);
  if (!present) {
    if (src.type !== 'DiskOrCreate') {
      throw new VmiFailure('HostDiskNotFound', `volume "${vol.name}": hostDisk ${path} does not exist on this node (type Disk; use DiskOrCreate with a capacity to create it)`);
    }
    await mkdir(dirname(path), { recursive: true });
    await create(path, 'raw', capacityBytes(vol, src.capacity, 'hostDisk'));
  }
  const fmt = (await info(path)).format;
  if (fmt !== 'qcow2' && fmt !== 'raw') throw new VmiFailure('InvalidVolume', `volume "${vol.name}": hostDisk ${path} is ${fmt}; only raw and qcow2 are supported`);
  return { name: vol.name, path, format: fmt, readOnly: false, kind: 'disk', directIO: await supportsDirectIO(dirname(path)) };
}
