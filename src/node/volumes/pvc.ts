// PersistentVolumeClaims as disks (persistentVolumeClaim, dataVolume, and the read-only backing of
// ephemeral). The storage issue brings provisioning; this resolves a bound claim to its image file
// through the PV: `spec.local.path` or `spec.hostPath.path`, plus `/disk.img` (CDI's layout).
// A claim of volumeMode Block is presented as a block device (block.ts).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { createOverlay, info } from '../../qemu/img.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { VmiFailure } from '../vmi-failure.ts';
import { blockDeviceFor, claimIsBlock, resolveBlockVolume } from './block.ts';
import type { Volume, VolumeContext } from './context.ts';
import { supportsDirectIO } from './direct-io.ts';

export interface PvcResolver {
  /** The disk image file of a bound claim; throws VmiFailure saying why there is none. */
  imagePath(namespace: string, claimName: string): Promise<string>;
}

export class ApiPvcResolver implements PvcResolver {
  constructor(private readonly client: KubeClient) {}

  async imagePath(namespace: string, claimName: string): Promise<string> {
    const pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, namespace, claimName);
    if (!pvc) throw new VmiFailure('PVCNotFound', `PersistentVolumeClaim ${namespace}/${claimName} does not exist`);
    const pvName = pvc.spec?.volumeName;
    if (pvc.status?.phase !== 'Bound' || !pvName) throw new VmiFailure('PVCNotReady', `PersistentVolumeClaim ${namespace}/${claimName} is not bound`);
    const pv = await this.client.tryGet<PersistentVolume>(R.pvs, undefined, pvName);
    const dir = pv?.spec?.local?.path ?? pv?.spec?.hostPath?.path;
    if (!dir) throw new VmiFailure('PVCNotReady', `PersistentVolume ${pvName} of claim ${namespace}/${claimName} has no local or hostPath path on this node`);
    const path = join(dir, 'disk.img');
    if (!(await access(path).then(() => true, () => false))) {
      throw new VmiFailure('PVCNotReady', `PersistentVolumeClaim ${namespace}/${claimName}: ${path} does not exist on this node`);
    }
    return path;
  }
}

function claimOf(vol: Volume): { claimName: string; readOnly: boolean } {
  if (vol.persistentVolumeClaim) return { claimName: vol.persistentVolumeClaim.claimName, readOnly: vol.persistentVolumeClaim.readOnly === true };
  if (vol.dataVolume) return { claimName: vol.dataVolume.name, readOnly: false };
  const pvc = vol.ephemeral?.persistentVolumeClaim;
  if (!pvc) throw new VmiFailure('InvalidVolume', `volume "${vol.name}": ephemeral needs a persistentVolumeClaim`);
  return { claimName: pvc.claimName, readOnly: true };
}

async function imageFormat(path: string, vol: Volume): Promise<'qcow2' | 'raw'> {
  const fmt = (await info(path)).format;
  if (fmt !== 'qcow2' && fmt !== 'raw') throw new VmiFailure('InvalidVolume', `volume "${vol.name}": ${path} is ${fmt}; only raw and qcow2 are supported`);
  return fmt;
}

export async function resolveClaim(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const { claimName, readOnly } = claimOf(vol);
  const path = await ctx.pvcs.imagePath(ctx.vmi.metadata.namespace ?? 'default', claimName);
  const format = await imageFormat(path, vol);
  const directIO = await supportsDirectIO(join(path, '..'));
  const block = await claimIsBlock(ctx, claimName);
  if (!vol.ephemeral) {
    if (block) return resolveBlockVolume(ctx, { name: vol.name, claimName, path, format, readOnly, directIO });
    return { name: vol.name, path, format, readOnly, kind: 'disk', directIO };
  }
  const overlay = join(ctx.run.dir, `ephemeral-${vol.name}.qcow2`);
  // The overlay's header names the file; QEMU reads the base through what argv names (the device).
  if (!(await access(overlay).then(() => true, () => false))) await createOverlay(overlay, path, format);
  const dev = block ? await blockDeviceFor(ctx, vol.name, claimName, path, true) : undefined;
  return {
    name: vol.name,
    path: overlay,
    format: 'qcow2',
    readOnly: false,
    kind: 'disk',
    backing: dev ? { path: dev, format, blockDevice: true } : { path, format },
    directIO: (dev !== undefined || directIO) && (await supportsDirectIO(ctx.run.dir)),
  };
}
