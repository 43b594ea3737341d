// The wizard's state changes that touch more than one field: a source change adds or drops the
// boot disk (PXE needs none), a preset flavor fills CPU and memory, and disks and NICs are added,
// replaced and removed with the bootable disk kept pointing at a disk that exists.
import type { FlavorSize, PresetFlavor } from './flavor.ts';
import { sizeOf } from './size.ts';
import { MEMORY_UNITS, type Flavor, type SourceType, type WizardDisk, type WizardNic, type WizardState } from './state.ts';

/** The disk to boot from when the chosen one goes: the first with content (blank only without another). */
function nextBootDisk(disks: readonly WizardDisk[]): string | undefined {
  return (disks.find((d) => d.source !== 'blank') ?? disks[0])?.id;
}

/** General's source changed; `root` is the boot disk to bring back when leaving PXE. */
export function withSource(state: WizardState, source: SourceType, root: WizardDisk): WizardState {
  const general = { ...state.general, source };
  if (source === 'pxe') {
    const disks = state.disks.filter((d) => d.source !== 'root');
    const bootDisk = disks.some((d) => d.id === state.bootDisk) ? state.bootDisk : nextBootDisk(disks);
    return { ...state, general, disks, bootDisk };
  }
  if (state.disks.some((d) => d.source === 'root')) return { ...state, general };
  return { ...state, general, disks: [root, ...state.disks], bootDisk: root.id };
}

export function withFlavor(state: WizardState, flavor: Flavor, presets: Record<PresetFlavor, FlavorSize>): WizardState {
  if (flavor === 'custom') return { ...state, general: { ...state.general, flavor } };
  const p = presets[flavor];
  return { ...state, general: { ...state.general, flavor, cpus: String(p.cpus), memory: sizeOf(p.memory, MEMORY_UNITS, state.general.memory) } };
}

/** `prefix-N` with the smallest N no name in `taken` has. */
export function freeName(prefix: string, taken: readonly string[]): string {
  let i = 0;
  while (taken.includes(`${prefix}-${i}`)) i++;
  return `${prefix}-${i}`;
}

/** A fresh id: `#` cannot start a disk or NIC name, so it never meets a template's. */
const freshId = (ids: readonly string[]): string => freeName('#new', ids);

export function newDisk(state: WizardState): WizardDisk {
  return {
    id: freshId(state.disks.map((d) => d.id)),
    name: freeName('disk', state.disks.map((d) => d.name)),
    source: 'blank',
    url: '',
    image: '',
    pvcNamespace: '',
    pvcName: '',
    size: { value: '', unit: 'Gi' },
    type: 'disk',
    bus: 'virtio',
    storageClass: '',
    volumeMode: '',
    accessMode: '',
  };
}

export function withDisk(state: WizardState, disk: WizardDisk): WizardState {
  const exists = state.disks.some((d) => d.id === disk.id);
  const disks = exists ? state.disks.map((d) => (d.id === disk.id ? disk : d)) : [...state.disks, disk];
  return { ...state, disks, bootDisk: state.bootDisk ?? nextBootDisk(disks) };
}

export function withoutDisk(state: WizardState, id: string): WizardState {
  const disks = state.disks.filter((d) => d.id !== id);
  return { ...state, disks, bootDisk: state.bootDisk === id ? nextBootDisk(disks) : state.bootDisk };
}

/** A fresh NIC: on the pod network while no NIC uses it (one pod network per VM), else on the first NAD. */
export function newNic(state: WizardState, nads: readonly string[]): WizardNic {
  const podUsed = state.nics.some((n) => n.network === '');
  return {
    id: freshId(state.nics.map((n) => n.id)),
    name: freeName('nic', state.nics.map((n) => n.name)),
    model: 'virtio',
    network: podUsed ? (nads[0] ?? '') : '',
    mac: '',
  };
}

export function withNic(state: WizardState, nic: WizardNic): WizardState {
  const exists = state.nics.some((n) => n.id === nic.id);
  return { ...state, nics: exists ? state.nics.map((n) => (n.id === nic.id ? nic : n)) : [...state.nics, nic] };
}

export const withoutNic = (state: WizardState, id: string): WizardState => ({ ...state, nics: state.nics.filter((n) => n.id !== id) });
