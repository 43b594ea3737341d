// The Initial run sub-tab: the VM's cloud-init (cloudInitNoCloud or cloudInitConfigDrive) as the
// user, password and hostname of its #cloud-config, or its whole user-data as a script, and the
// patch that writes either back. The form edits the document in place, so what else the user-data
// says (and how it is written) stays; a VM without cloud-init gets a NoCloud disk.
import { Document, parseDocument } from 'yaml';
import { CLOUD_INIT_DISK, cloudConfig, userDataOf } from '../wizard/cloud-init.ts';
import { isCloudInit, type VmVolume } from '../wizard/vm-shape.ts';
import { appendOps, pointer, removeAtOps, type PatchOp } from './json-patch.ts';
import { DEVICES, SPEC, templateSpecOf, type ConfigVm } from './vm-view.ts';

export interface CloudInitView {
  kind: 'cloudInitNoCloud' | 'cloudInitConfigDrive';
  volume: string;
  userData: string;
  /** The #cloud-config fields; undefined when the user-data is something else (a shell script…). */
  form?: CloudInitForm;
}

export interface CloudInitForm {
  user: string;
  password: string;
  hostname: string;
}

export type CloudInitEdit = ({ mode: 'form' } & CloudInitForm) | { mode: 'script'; userData: string };

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function cloudInitOf(vm: ConfigVm): CloudInitView | undefined {
  const v = templateSpecOf(vm).volumes?.find(isCloudInit);
  if (!v) return undefined;
  const userData = userDataOf(v) ?? '';
  const c = cloudConfig(userData);
  return {
    kind: v.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive',
    volume: v.name,
    userData,
    form: c && { user: text(c.user), password: text(c.password), hostname: text(c.hostname) },
  };
}

/** The user-data for the form's fields on top of `base` (a #cloud-config, or nothing). */
export function formUserData(base: string, f: CloudInitForm): string {
  const parsed = base.trim() ? parseDocument(base) : undefined;
  // Only the header (a comment, no mapping yet): start afresh rather than keep it as a comment block.
  const doc = parsed && parsed.contents !== null ? parsed : new Document({});
  for (const k of ['user', 'password', 'hostname'] as const) {
    const v = f[k].trim();
    if (v) doc.set(k, v);
    else doc.delete(k);
  }
  // A password is for logging in now, not one to change at the first login.
  if (f.password.trim() && !doc.has('chpasswd')) doc.set('chpasswd', { expire: false });
  const body = doc.toString();
  return body.trimStart().startsWith('#cloud-config') ? body : `#cloud-config\n${body}`;
}

/**
 * The ops that store `edit` as the VM's cloud-init user-data: the volume's data source is
 * replaced (userDataBase64 gives way to plain userData); without a cloud-init volume a NoCloud
 * disk is added; an empty script removes the volume and its disk.
 */
export function cloudInitOps(vm: ConfigVm, edit: CloudInitEdit): PatchOp[] {
  const spec = templateSpecOf(vm);
  const view = cloudInitOf(vm);
  const userData = edit.mode === 'script' ? edit.userData : formUserData(view?.form ? view.userData : '', edit);
  const volumes = spec.volumes ?? [];
  const i = volumes.findIndex(isCloudInit);
  if (userData.trim() === '') {
    if (i < 0) return [];
    const name = volumes[i]!.name;
    return [...removeAtOps(vm, [...DEVICES, 'disks'], (spec.domain?.devices?.disks ?? []).findIndex((d) => d.name === name)), ...removeAtOps(vm, [...SPEC, 'volumes'], i)];
  }
  if (i < 0) {
    const volume: VmVolume = { name: CLOUD_INIT_DISK, cloudInitNoCloud: { userData } };
    return [...appendOps(vm, [...DEVICES, 'disks'], { name: CLOUD_INIT_DISK, disk: { bus: 'virtio' } }), ...appendOps(vm, [...SPEC, 'volumes'], volume)];
  }
  const kind = view!.kind;
  const source: Record<string, unknown> = { ...volumes[i]![kind], userData };
  delete source.userDataBase64;
  return userData === view!.userData && !('userDataBase64' in (volumes[i]![kind] ?? {})) ? [] : [{ op: 'replace', path: pointer([...SPEC, 'volumes', i, kind]), value: source }];
}
