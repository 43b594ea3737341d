// A disk's rules (seed 002's storage fields): the disk name rule (lowercase letters, digits,
// hyphens and periods, alphanumeric ends, 253 at most) and unique among the VM's disks, a size
// for the sources that create a PVC, the source's URL, image or PVC, and no CD-ROM on virtio. The
// Storage step adds the bootable disk: one must be chosen when there are disks, and it cannot be
// blank unless the VM boots from PXE.
import type { Message } from '../catalog/message.ts';
import { imageProblems, sizeProblems, urlProblems } from './field-rules.ts';
import type { WizardDisk, WizardState } from './state.ts';

export type DiskField = 'name' | 'size' | 'url' | 'image' | 'pvc' | 'bus';

export const DISK_NAME_MAX = 253;

/** Sources whose disk is a new PVC of a size the user gives. */
export const sized = (d: WizardDisk): boolean => ['root', 'blank', 'url', 'registry', 'clonePvc'].includes(d.source);

function nameProblems(name: string): Message[] {
  if (name === '') return [{ key: 'wizard.diskNameEmpty' }];
  const out: Message[] = [];
  if (name.length > DISK_NAME_MAX) out.push({ key: 'wizard.diskNameTooLong', vars: { max: DISK_NAME_MAX } });
  if (/[^a-z0-9.-]/.test(name)) out.push({ key: 'wizard.diskNameChars' });
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) out.push({ key: 'wizard.diskNameEnds' });
  return out;
}

/** `reserved`: names the VM uses for other disks (the cloud-init disk). */
export function diskProblems(d: WizardDisk, disks: readonly WizardDisk[], reserved: readonly string[]): Record<DiskField, Message[]> {
  const name = nameProblems(d.name);
  if (name.length === 0 && (reserved.includes(d.name) || disks.some((x) => x.id !== d.id && x.name === d.name))) name.push({ key: 'wizard.diskNameTaken' });
  return {
    name,
    size: sized(d) ? sizeProblems(d.size) : [],
    url: d.source === 'url' ? urlProblems(d.url) : [],
    image: d.source === 'registry' || d.source === 'container' ? imageProblems(d.image) : [],
    pvc: (d.source === 'clonePvc' && (!d.pvcNamespace || !d.pvcName)) || (d.source === 'pvc' && !d.pvcName) ? [{ key: 'wizard.pvcEmpty' }] : [],
    bus: d.type === 'cdrom' && d.bus === 'virtio' ? [{ key: 'wizard.cdromVirtio' }] : [],
  };
}

export function storageProblems(state: WizardState, reserved: readonly string[]): { disks: Map<string, Message[]>; step: Message[] } {
  const disks = new Map(state.disks.map((d) => [d.id, Object.values(diskProblems(d, state.disks, reserved)).flat()]));
  const boot = state.disks.find((d) => d.id === state.bootDisk);
  const step: Message[] = [];
  if (state.disks.length > 0 && !boot) step.push({ key: 'wizard.bootDiskRequired' });
  if (boot?.source === 'blank' && state.general.source !== 'pxe') step.push({ key: 'wizard.bootDiskBlank' });
  return { disks, step };
}
