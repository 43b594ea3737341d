// Cloud-init (seed 002's Advanced step) → the VM's cloudInitNoCloud user-data. The form sets
// `hostname` and `ssh_authorized_keys` in the template's #cloud-config, keeping what else it says
// (the cloud user and password); the custom script replaces the user-data whole. The hostname also
// becomes the VMI's spec.hostname, so the NoCloud meta-data's local-hostname agrees with it and
// guests that read only the meta-data get it too. Nothing to say means no cloud-init disk.
import { Document, isMap, parseDocument } from 'yaml';
import type { CloudInitState, WizardState } from './state.ts';
import { devicesOf, isCloudInit, type VmVolume, type WizardVm } from './vm-shape.ts';

export const CLOUD_INIT_DISK = 'cloudinitdisk';
const HEADER = '#cloud-config';

/** The #cloud-config mapping of `userData`, or undefined when it is something else (a shell script…). */
export function cloudConfig(userData: string | undefined): Record<string, unknown> | undefined {
  if (userData === undefined || userData.trim() === '') return {};
  if (!userData.trimStart().startsWith(HEADER)) return undefined;
  const doc = parseDocument(userData);
  if (doc.errors.length > 0) return undefined;
  if (doc.contents === null) return {};
  return isMap(doc.contents) ? (doc.toJS() as Record<string, unknown>) : undefined;
}

export const sshKeyLines = (keys: string): string[] =>
  keys
    .split('\n')
    .map((k) => k.trim())
    .filter(Boolean);

/** The user-data for `ci` on top of the template's `base`; undefined when there is none to give. */
export function cloudInitUserData(base: string | undefined, ci: CloudInitState): string | undefined {
  if (ci.custom) return ci.script.trim() ? ci.script : undefined;
  const config = cloudConfig(base);
  const hostname = ci.hostname.trim();
  const keys = sshKeyLines(ci.sshKeys);
  const had = config ?? {};
  const oldKeys = Array.isArray(had.ssh_authorized_keys) ? had.ssh_authorized_keys : [];
  // Untouched: the template's user-data exactly as written (its comments and flow style included).
  if (config && base && (had.hostname ?? '') === hostname && JSON.stringify(oldKeys) === JSON.stringify(keys)) return base;
  if (!hostname && keys.length === 0 && !base) return undefined;
  // Edited in place, so what else the template wrote keeps its form; a script the form cannot
  // show is replaced by a fresh #cloud-config.
  const inPlace = Boolean(config && base && Object.keys(config).length > 0);
  const doc = inPlace && base ? parseDocument(base) : new Document({});
  if (hostname) doc.set('hostname', hostname);
  else doc.delete('hostname');
  if (keys.length > 0) doc.set('ssh_authorized_keys', keys);
  else doc.delete('ssh_authorized_keys');
  if (inPlace) return doc.toString();
  return hostname || keys.length > 0 ? `${HEADER}\n${doc.toString()}` : `${HEADER}\n`;
}

/** The user-data a cloud-init volume carries, decoded. */
export function userDataOf(v: VmVolume | undefined): string | undefined {
  const c = v?.cloudInitNoCloud ?? v?.cloudInitConfigDrive;
  if (!c) return undefined;
  if (c.userData !== undefined) return c.userData;
  const b64 = v?.cloudInitNoCloud?.userDataBase64;
  return b64 === undefined ? undefined : new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
}

export function applyCloudInit(vm: WizardVm, state: WizardState): void {
  const spec = vm.spec.template.spec;
  const volume = spec.volumes?.find(isCloudInit);
  const userData = cloudInitUserData(userDataOf(volume), state.cloudInit);
  const devices = devicesOf(vm);
  const hostname = state.cloudInit.custom ? '' : state.cloudInit.hostname.trim();
  if (hostname) spec.hostname = hostname;
  else delete spec.hostname;
  if (userData === undefined) {
    if (volume) {
      spec.volumes = spec.volumes?.filter((v) => v !== volume);
      devices.disks = devices.disks?.filter((d) => d.name !== volume.name);
    }
    return;
  }
  if (volume?.cloudInitConfigDrive) {
    volume.cloudInitConfigDrive = { ...volume.cloudInitConfigDrive, userData };
  } else if (volume) {
    const c = { ...volume.cloudInitNoCloud, userData };
    delete c.userDataBase64;
    volume.cloudInitNoCloud = c;
  } else {
    devices.disks = [...(devices.disks ?? []), { name: CLOUD_INIT_DISK, disk: { bus: 'virtio' } }];
    spec.volumes = [...(spec.volumes ?? []), { name: CLOUD_INIT_DISK, cloudInitNoCloud: { userData } }];
  }
}
