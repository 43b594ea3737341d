// What the Customize wizard's form holds, step by step (seed 002's tables): the General fields, the
// NIC list, the disk list with the bootable disk, and the Advanced step's cloud-init and eviction
// strategy. Numbers stay the text the user typed, so the rules can say what is wrong with it.
import type { Workload } from '../catalog/template-meta.ts';

export type Flavor = 'tiny' | 'small' | 'medium' | 'large' | 'custom';
export const FLAVORS: readonly Flavor[] = ['tiny', 'small', 'medium', 'large', 'custom'];

/** General → Source: seed 002's PXE / URL / Container / Disk, plus the template's own boot source. */
export type SourceType = 'template' | 'pxe' | 'url' | 'container' | 'disk';
export const SOURCE_TYPES: readonly SourceType[] = ['template', 'pxe', 'url', 'container', 'disk'];

export type SizeUnit = 'Mi' | 'Gi' | 'Ti';
export const MEMORY_UNITS: readonly SizeUnit[] = ['Mi', 'Gi'];
export const DISK_UNITS: readonly SizeUnit[] = ['Mi', 'Gi', 'Ti'];

/** A size as typed: the number's text and its binary unit. */
export interface Size {
  value: string;
  unit: SizeUnit;
}

export interface GeneralState {
  name: string;
  description: string;
  start: boolean;
  source: SourceType;
  url: string;
  image: string;
  pvcNamespace: string;
  pvcName: string;
  flavor: Flavor;
  cpus: string;
  memory: Size;
  workload: Workload;
}

export type NicModel = 'virtio' | 'e1000e';
export const NIC_MODELS: readonly NicModel[] = ['virtio', 'e1000e'];

export interface WizardNic {
  /** Stable identity while the name is edited: the template's interface name, or a fresh one. */
  id: string;
  name: string;
  model: NicModel;
  /** '' is the pod network (masquerade); otherwise the name of a NetworkAttachmentDefinition (bridge). */
  network: string;
  mac: string;
}

/**
 * Where a disk's content comes from (seed 002's storage sources): `root` is the boot disk whose
 * content General's source decides; `template` is a disk of the template kept as it is.
 */
export type DiskSourceType = 'root' | 'template' | 'blank' | 'url' | 'registry' | 'clonePvc' | 'pvc' | 'container';
export const ADDABLE_DISK_SOURCES: readonly DiskSourceType[] = ['blank', 'url', 'registry', 'clonePvc', 'pvc', 'container'];

export type DiskBus = 'virtio' | 'sata' | 'scsi';
export const DISK_BUSES: readonly DiskBus[] = ['virtio', 'sata', 'scsi'];
export type DiskType = 'disk' | 'cdrom';
export const DISK_TYPES: readonly DiskType[] = ['disk', 'cdrom'];
export type VolumeMode = '' | 'Filesystem' | 'Block';
export const VOLUME_MODES: readonly VolumeMode[] = ['', 'Filesystem', 'Block'];
export type AccessMode = '' | 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany';
export const ACCESS_MODES: readonly AccessMode[] = ['', 'ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'];

export interface WizardDisk {
  id: string;
  name: string;
  source: DiskSourceType;
  url: string;
  image: string;
  pvcNamespace: string;
  pvcName: string;
  size: Size;
  type: DiskType;
  bus: DiskBus;
  /** '' is the cluster's default StorageClass. */
  storageClass: string;
  volumeMode: VolumeMode;
  accessMode: AccessMode;
}

export interface CloudInitState {
  /** Custom script: the whole user-data as typed, instead of the form's fields. */
  custom: boolean;
  hostname: string;
  /** One public key per line. */
  sshKeys: string;
  script: string;
}

export type EvictionStrategy = '' | 'LiveMigrate' | 'LiveMigrateIfPossible' | 'External' | 'None';
export const EVICTION_STRATEGIES: readonly EvictionStrategy[] = ['', 'LiveMigrate', 'LiveMigrateIfPossible', 'External', 'None'];

export interface WizardState {
  general: GeneralState;
  nics: WizardNic[];
  disks: WizardDisk[];
  /** The id of the disk to boot from (seed 002's Bootable Disk); none for PXE without disks. */
  bootDisk?: string;
  cloudInit: CloudInitState;
  evictionStrategy: EvictionStrategy;
}

/** The quantity a Size stands for (`1.5Gi`); the text is trimmed, not checked (see the rules). */
export const quantity = (s: Size): string => `${s.value.trim()}${s.unit}`;
