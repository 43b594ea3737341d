// The parts of a kubevirt.io/v1 VirtualMachine the wizard reads and rewrites, typed only that far:
// everything else a template's VM carries passes through the builders untouched.
import type { ObjectMeta } from '../api/types.ts';

export type Empty = Record<string, never>;

export interface VmDisk {
  name: string;
  bootOrder?: number;
  disk?: { bus?: string };
  cdrom?: { bus?: string; readonly?: boolean };
  lun?: { bus?: string };
}

export interface VmInterface {
  name: string;
  model?: string;
  macAddress?: string;
  bootOrder?: number;
  masquerade?: Empty;
  bridge?: Empty;
  sriov?: Empty;
}

export interface VmNetwork {
  name: string;
  pod?: Empty;
  multus?: { networkName: string; default?: boolean };
}

export interface VmInput {
  name: string;
  type: string;
  bus?: string;
}

export interface VmVolume {
  name: string;
  dataVolume?: { name: string };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  containerDisk?: { image: string };
  cloudInitNoCloud?: { userData?: string; userDataBase64?: string; networkData?: string };
  cloudInitConfigDrive?: { userData?: string };
}

export interface DataVolumeSource {
  http?: { url: string };
  registry?: { url: string };
  pvc?: { namespace?: string; name: string };
  blank?: Empty;
}

export interface DvStorage {
  resources?: { requests?: { storage?: string } };
  storageClassName?: string;
  volumeMode?: string;
  accessModes?: string[];
}

export interface DataVolumeTemplate {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    source?: DataVolumeSource;
    sourceRef?: { kind: string; name: string; namespace?: string };
    storage?: DvStorage;
    pvc?: DvStorage;
  };
}

export interface VmDomain {
  cpu?: { sockets?: number; cores?: number; threads?: number; model?: string };
  memory?: { guest?: string };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ioThreadsPolicy?: string;
  devices?: { disks?: VmDisk[]; interfaces?: VmInterface[]; inputs?: VmInput[]; autoattachPodInterface?: boolean };
}

export interface VmTemplateSpec {
  domain: VmDomain;
  networks?: VmNetwork[];
  volumes?: VmVolume[];
  hostname?: string;
  evictionStrategy?: string;
}

export interface WizardVm {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: {
    running?: boolean;
    runStrategy?: string;
    dataVolumeTemplates?: DataVolumeTemplate[];
    template: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: VmTemplateSpec;
    };
  };
}

/** A processed template object as a VM, if it is one (with the nesting the builders rely on). */
export function asWizardVm(o: Record<string, unknown>): WizardVm | undefined {
  if (o.kind !== 'VirtualMachine') return undefined;
  const vm = structuredClone(o) as unknown as WizardVm;
  vm.metadata ??= { name: '' };
  vm.spec ??= { template: { spec: { domain: {} } } };
  vm.spec.template ??= { spec: { domain: {} } };
  vm.spec.template.spec ??= { domain: {} };
  vm.spec.template.spec.domain ??= {};
  return vm;
}

/** The VM's devices, created when missing so builders can assign into them. */
export function devicesOf(vm: WizardVm): NonNullable<VmDomain['devices']> {
  return (vm.spec.template.spec.domain.devices ??= {});
}

export const isCloudInit = (v: VmVolume | undefined): boolean => Boolean(v?.cloudInitNoCloud || v?.cloudInitConfigDrive);
