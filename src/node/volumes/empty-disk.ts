// emptyDisk: a sparse qcow2 of `capacity` in the run dir, living and dying with the VMI.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from '../../qemu/img.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { parseQuantityBytes } from '../../qemu/quantity.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';
import { supportsDirectIO } from './direct-io.ts';

export function capacityBytes(vol: Volume, capacity: string | number | undefined, what: string): number {
  if (capacity === undefined) throw new VmiFailure('InvalidVolume', `volume "${vol.name}": ${what}.capacity is required`);
  try {
    return Number(parseQuantityBytes(capacity));
  } catch (e) {
    throw new VmiFailure('InvalidVolume', `volume "${vol.name}": ${what}.capacity: ${(e as Error).message}`);
  }
}

export async function resolveEmptyDisk(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const size = capacityBytes(vol, vol.emptyDisk?.capacity, 'emptyDisk');
  const path = join(ctx.run.dir, `emptydisk-${vol.name}.qcow2`);
  const present = await access(path).then(() => true, () => false);
  if (!present) await create(path, 'qcow2', size);
  return { name: vol.name, path, format: 'qcow2', readOnly: false, kind: 'disk', directIO: await supportsDirectIO(ctx.run.dir) };
}
