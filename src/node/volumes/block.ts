// volumeMode: Block claims: their disk.img is presented to QEMU as a block device, a loop device
// over the file opened with the `host_device` driver, as a Block PV is in KubeVirt. Where loop
// devices cannot be had (no /dev/loop-control in a container, no losetup) the raw file serves, as
// the issue allows, and the VMI gets a Warning event saying so: never silently.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { LoopDeviceError } from '../storage/loop-device.ts';
import { attachGuestLoopDevice } from '../storage/loop-device-guest.ts';
import type { VolumeContext } from './context.ts';

export const BLOCK_AS_FILE_REASON = 'BlockVolumeAsFile';

export type AttachLoop = (runDir: string, file: string, readOnly: boolean) => Promise<string>;

export async function claimIsBlock(ctx: VolumeContext, claimName: string): Promise<boolean> {
  const pvc = await ctx.client.tryGet<PersistentVolumeClaim>(R.pvcs, ctx.vmi.metadata.namespace ?? 'default', claimName);
  return pvc?.spec?.volumeMode === 'Block';
}

/**
 * The block device for `file` (a Block claim's disk.img), or undefined when the node has no loop
 * devices: the caller then uses the file and the VMI has the event. Other errors are thrown.
 */
export async function blockDeviceFor(
  ctx: VolumeContext,
  volumeName: string,
  claimName: string,
  file: string,
  readOnly: boolean,
  attach: AttachLoop = attachGuestLoopDevice,
): Promise<string | undefined> {
  try {
    return await attach(ctx.run.dir, file, readOnly);
  } catch (e) {
    if (!(e instanceof LoopDeviceError)) throw e;
    const message = `volume "${volumeName}": claim ${claimName} has volumeMode Block, but node ${ctx.nodeName} could not attach a loop device (losetup: ${e.message}); QEMU opens ${file} as a raw file instead`;
    console.error(`node agent: ${ctx.vmi.metadata.namespace}/${ctx.vmi.metadata.name}: ${message}`);
    await new EventRecorder(ctx.client, 'virt-handler', ctx.nodeName).record(ctx.vmi, 'Warning', BLOCK_AS_FILE_REASON, message);
    return undefined;
  }
}

/** A Block claim's volume: its loop device with host_device, else the raw file (see above). */
export async function resolveBlockVolume(
  ctx: VolumeContext,
  vol: { name: string; claimName: string; path: string; format: ResolvedVolume['format']; readOnly: boolean; directIO: boolean },
  attach?: AttachLoop,
): Promise<ResolvedVolume> {
  const base: ResolvedVolume = { name: vol.name, path: vol.path, format: vol.format, readOnly: vol.readOnly, kind: 'disk', directIO: vol.directIO };
  const dev = await blockDeviceFor(ctx, vol.name, vol.claimName, vol.path, vol.readOnly, attach);
  // A block device always takes O_DIRECT, so KubeVirt's default cache mode `none` applies.
  return dev ? { ...base, path: dev, blockDevice: true, directIO: true } : base;
}
