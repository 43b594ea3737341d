// The Details sub-tab: what it shows (CPU and memory, boot mode, machine type, hostname, headless,
// boot order) read from the VM, and the patches of its edits.
import { quantity, type Size } from '../wizard/state.ts';
import { setOps, type PatchOp } from './json-patch.ts';
import { DEVICES, SPEC, templateSpecOf, type ConfigVm } from './vm-view.ts';

const DOMAIN = [...SPEC, 'domain'] as const;

export const vcpusOf = (vm: ConfigVm): number => {
  const c = templateSpecOf(vm).domain?.cpu;
  return (c?.sockets ?? 1) * (c?.cores ?? 1) * (c?.threads ?? 1);
};

/** The guest's memory: domain.memory.guest, else the memory request. */
export const memoryOf = (vm: ConfigVm): string | undefined => {
  const d = templateSpecOf(vm).domain;
  return d?.memory?.guest ?? d?.resources?.requests?.memory;
};

/**
 * The ops of the CPU | Memory dialog. The vCPUs become sockets (cores and threads 1), as the
 * OpenShift console writes them so CPU hotplug can add sockets later; the memory goes wherever the
 * VM states it (guest memory and/or the request), the request when it states neither.
 */
export function cpuMemoryOps(vm: ConfigVm, cpus: number, memory: Size): PatchOp[] {
  const d = templateSpecOf(vm).domain;
  const q = quantity(memory);
  const ops: PatchOp[] = [];
  for (const [k, v] of [['sockets', cpus], ['cores', 1], ['threads', 1]] as const) {
    // Cores and threads left unset already mean 1.
    if (k === 'sockets' || d?.cpu?.[k] !== undefined) ops.push(...setOps(vm, [...DOMAIN, 'cpu', k], v));
  }
  const guest = d?.memory?.guest !== undefined;
  if (guest) ops.push(...setOps(vm, [...DOMAIN, 'memory', 'guest'], q));
  if (!guest || d?.resources?.requests?.memory !== undefined) ops.push(...setOps(vm, [...DOMAIN, 'resources', 'requests', 'memory'], q));
  return ops;
}

export type BootMode = 'bios' | 'uefi' | 'uefiSecure';

/** BIOS unless firmware.bootloader.efi is given; EFI's secureBoot defaults to true. */
export function bootModeOf(vm: ConfigVm): BootMode {
  const efi = templateSpecOf(vm).domain?.firmware?.bootloader?.efi;
  if (!efi) return 'bios';
  return efi.secureBoot === false ? 'uefi' : 'uefiSecure';
}

export const BOOT_MODES: readonly BootMode[] = ['bios', 'uefi', 'uefiSecure'];

/**
 * The ops that switch the firmware: BIOS as an explicit `bios: {}` (nothing when the VM states no
 * bootloader), UEFI with secureBoot false, or UEFI secure boot — which KubeVirt runs only with SMM,
 * so features.smm is enabled with it. The EFI `persistent` setting is kept.
 */
export function bootModeOps(vm: ConfigVm, mode: BootMode): PatchOp[] {
  const d = templateSpecOf(vm).domain;
  const loader = d?.firmware?.bootloader;
  if (mode === bootModeOf(vm) && (mode !== 'uefiSecure' || d?.features?.smm?.enabled !== false)) return [];
  if (mode === 'bios') return loader ? setOps(vm, [...DOMAIN, 'firmware', 'bootloader'], { bios: {} }) : [];
  const persistent = loader?.efi?.persistent;
  const efi = { secureBoot: mode === 'uefiSecure', ...(persistent === undefined ? {} : { persistent }) };
  const ops = setOps(vm, [...DOMAIN, 'firmware', 'bootloader'], { efi });
  if (mode === 'uefiSecure' && (!d?.features?.smm || d.features.smm.enabled === false)) ops.push(...setOps(vm, [...DOMAIN, 'features', 'smm'], { enabled: true }));
  return ops;
}

/** Headless: no VNC display (devices.autoattachGraphicsDevice false). */
export const headlessOf = (vm: ConfigVm): boolean => templateSpecOf(vm).domain?.devices?.autoattachGraphicsDevice === false;

export const headlessOps = (vm: ConfigVm, headless: boolean): PatchOp[] => setOps(vm, [...DEVICES, 'autoattachGraphicsDevice'], headless ? false : undefined);

export interface BootEntry {
  name: string;
  kind: 'disk' | 'nic';
  order?: number;
}

/**
 * The boot order: disks and NICs with a bootOrder, lowest first; without any, KubeVirt boots the
 * first disk, which is shown alone with no number.
 */
export function bootOrderOf(vm: ConfigVm): BootEntry[] {
  const devices = templateSpecOf(vm).domain?.devices;
  const entries: BootEntry[] = [
    ...(devices?.disks ?? []).map((d) => ({ name: d.name, kind: 'disk' as const, order: d.bootOrder })),
    ...(devices?.interfaces ?? []).map((i) => ({ name: i.name, kind: 'nic' as const, order: i.bootOrder })),
  ];
  const ordered = entries.filter((e) => e.order !== undefined).sort((a, b) => a.order! - b.order!);
  if (ordered.length > 0) return ordered;
  const first = devices?.disks?.[0];
  return first ? [{ name: first.name, kind: 'disk' }] : [];
}

/** The description, kept where the OpenShift console keeps it: the `description` annotation. */
export function descriptionOps(vm: ConfigVm, text: string): PatchOp[] {
  return setOps(vm, ['metadata', 'annotations', 'description'], text.trim() ? text : undefined);
}

export function hostnameOps(vm: ConfigVm, hostname: string): PatchOp[] {
  return setOps(vm, [...SPEC, 'hostname'], hostname.trim() || undefined);
}
