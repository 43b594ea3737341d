// cloudInitNoCloud: a real NoCloud `cidata` ISO in the run dir. meta-data instance-id is the VMI
// uid (cloud-init re-runs per boot of a new VMI), local-hostname is spec.hostname or the VMI name.
import { join } from 'node:path';
import { CloudInitError, buildNoCloudIso, resolveCloudInitNoCloud, type SecretLike } from '../../qemu/cloudinit.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { R } from '../../client/resources.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';

export async function resolveCloudInit(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const ns = ctx.vmi.metadata.namespace ?? 'default';
  const getSecret = async (name: string) => ctx.client.tryGet<KubeObject & SecretLike>(R.secrets, ns, name);
  const path = join(ctx.run.dir, `cloudinit-${vol.name}.iso`);
  try {
    const data = await resolveCloudInitNoCloud({ name: vol.name, cloudInitNoCloud: vol.cloudInitNoCloud! }, getSecret);
    await buildNoCloudIso(path, {
      userData: data.userData,
      networkData: data.networkData,
      metaData: { instanceId: ctx.vmi.metadata.uid ?? '', localHostname: ctx.vmi.spec?.hostname || (ctx.vmi.metadata.name ?? '') },
    });
  } catch (e) {
    if (e instanceof CloudInitError) throw new VmiFailure('CloudInitFailed', e.message);
    throw e;
  }
  // An ISO: read-only; a bare disk entry becomes a cdrom.
  return { name: vol.name, path, format: 'raw', readOnly: true, kind: 'cdrom', directIO: false };
}
