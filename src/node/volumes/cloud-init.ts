// cloudInitNoCloud: a real NoCloud `cidata` ISO in the run dir. meta-data instance-id is the VMI
// uid (cloud-init re-runs per boot of a new VMI), local-hostname is spec.hostname or the VMI name.
// SSH keys of accessCredentials with noCloud propagation go into meta-data `public-keys` (as
// KubeVirt writes them) and into a #cloud-config user-data's ssh_authorized_keys (src/node/ssh/).
import { join } from 'node:path';
import { CloudInitError, buildNoCloudIso, resolveCloudInitNoCloud, type SecretLike } from '../../qemu/cloudinit.ts';
import type { ResolvedVolume } from '../../qemu/launch-spec.ts';
import { R } from '../../client/resources.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { sshKeyCredentials } from '../ssh/credentials.ts';
import { MissingSecretError, keysOfSecrets } from '../ssh/secret-keys.ts';
import { UserDataKeysError, mergeSshKeys } from '../ssh/user-data-keys.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';

export async function resolveCloudInit(ctx: VolumeContext, vol: Volume): Promise<ResolvedVolume> {
  const ns = ctx.vmi.metadata.namespace ?? 'default';
  const getSecret = async (name: string) => ctx.client.tryGet<KubeObject & SecretLike>(R.secrets, ns, name);
  const path = join(ctx.run.dir, `cloudinit-${vol.name}.iso`);
  try {
    const data = await resolveCloudInitNoCloud({ name: vol.name, cloudInitNoCloud: vol.cloudInitNoCloud! }, getSecret);
    const keys = await noCloudKeys(ctx, getSecret);
    await buildNoCloudIso(path, {
      userData: mergeSshKeys(data.userData, keys),
      networkData: data.networkData,
      metaData: { instanceId: ctx.vmi.metadata.uid ?? '', localHostname: ctx.vmi.spec?.hostname || (ctx.vmi.metadata.name ?? ''), publicKeys: keys },
    });
  } catch (e) {
    if (e instanceof CloudInitError) throw new VmiFailure('CloudInitFailed', e.message);
    if (e instanceof UserDataKeysError) throw new VmiFailure('CloudInitFailed', `volume "${vol.name}" cloudInitNoCloud: ${e.message}`);
    throw e;
  }
  // An ISO: read-only; a bare disk entry becomes a cdrom.
  return { name: vol.name, path, format: 'raw', readOnly: true, kind: 'cdrom', directIO: false };
}

/** Keys of every noCloud credential; a missing Secret fails the start, as KubeVirt's pod would not start. */
async function noCloudKeys(ctx: VolumeContext, getSecret: (name: string) => Promise<SecretLike | undefined>): Promise<string[]> {
  const names = sshKeyCredentials(ctx.vmi).filter((c) => c.propagation === 'noCloud').map((c) => c.secretName);
  try {
    return await keysOfSecrets(getSecret, names);
  } catch (e) {
    if (e instanceof MissingSecretError) {
      throw new VmiFailure('AccessCredentialsFailed', `spec.accessCredentials: sshPublicKey ${e.message} in namespace "${ctx.vmi.metadata.namespace ?? 'default'}"`);
    }
    throw e;
  }
}
