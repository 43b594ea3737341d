// Every VMI volume → a local image file for the argv builder, each kind in its own file.
// Kinds that need a backend this node lacks are refused with a clear reason.
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { VmiFailure } from '../vmi-failure.ts';
import { resolveCloudInit } from './cloud-init.ts';
import { resolveContainerDisk } from './container-disk.ts';
import type { Volume, VolumeContext } from './context.ts';
import { resolveEmptyDisk } from './empty-disk.ts';
import { resolveHostDisk } from './host-disk.ts';
import { resolveClaim } from './pvc.ts';

export type { VolumeContext } from './context.ts';
export { ApiPvcResolver, type PvcResolver } from './pvc.ts';

const REFUSED: Record<string, string> = {
  cloudInitConfigDrive: 'cloudInitConfigDrive is not supported yet; use cloudInitNoCloud',
  configMap: 'configMap volumes are not supported yet',
  secret: 'secret volumes are not supported yet',
  serviceAccount: 'serviceAccount volumes are not supported yet',
  sysprep: 'sysprep volumes are not supported yet',
  downwardMetrics: 'downwardMetrics volumes are not supported yet',
  downwardAPI: 'downwardAPI volumes are not supported yet',
  memoryDump: 'memoryDump volumes are not supported yet',
};

function resolveOne(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  if (vol.containerDisk) return resolveContainerDisk(ctx, vol);
  if (vol.emptyDisk) return resolveEmptyDisk(ctx, vol);
  if (vol.hostDisk) return resolveHostDisk(ctx, vol);
  if (vol.persistentVolumeClaim || vol.dataVolume || vol.ephemeral) return resolveClaim(ctx, vol);
  if (vol.cloudInitNoCloud) return resolveCloudInit(ctx, vol);
  const kind = Object.keys(REFUSED).find((k) => (vol as Record<string, unknown>)[k] !== undefined);
  throw new VmiFailure('VolumeNotSupported', `volume "${vol.name}": ${kind ? REFUSED[kind] : 'no supported volume source'}`);
}

export async function resolveVolumes(ctx: VolumeContext): Promise<ResolvedVolume[]> {
  // Every resolver finishes before a failure is reported, so what they set up (loop devices) is
  // all in place for the caller's cleanup, none still arriving after it.
  const settled = await Promise.allSettled((ctx.vmi.spec?.volumes ?? []).map((v) => resolveOne(ctx, v)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<ResolvedVolume>).value);
}
