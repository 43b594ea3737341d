// The wizard's first values, read from the chosen template and the VM the API processed it into
// ("selecting a template fills the other fields", seed 002): its flavor, CPU and memory, workload,
// NICs, disks (the boot disk first, bootable), cloud-init and eviction strategy. Start on creation
// is checked by default.
import type { Template } from '../api/types.ts';
import { templateFlavor, templateWorkload } from '../catalog/template-meta.ts';
import { cloudConfig, userDataOf } from './cloud-init.ts';
import { PRESET_FLAVORS } from './flavor.ts';
import { sizeOf } from './size.ts';
import {
  ACCESS_MODES,
  DISK_BUSES,
  DISK_UNITS,
  EVICTION_STRATEGIES,
  MEMORY_UNITS,
  NIC_MODELS,
  VOLUME_MODES,
  type CloudInitState,
  type Flavor,
  type WizardDisk,
  type WizardNic,
  type WizardState,
} from './state.ts';
import { isCloudInit, type VmDisk, type WizardVm } from './vm-shape.ts';

const oneOf = <T extends string>(values: readonly T[], v: string | undefined, fallback: T): T => values.find((x) => x === v) ?? fallback;

/** The size a boot disk from a URL, image or clone gets when the template names none. */
export const DEFAULT_ROOT_SIZE = { value: '10', unit: 'Gi' } as const;

function nicsOf(vm: WizardVm): WizardNic[] {
  const spec = vm.spec.template.spec;
  return (spec.domain.devices?.interfaces ?? []).map((i) => ({
    id: i.name,
    name: i.name,
    model: oneOf(NIC_MODELS, i.model, 'virtio'),
    network: spec.networks?.find((n) => n.name === i.name)?.multus?.networkName ?? '',
    mac: i.macAddress ?? '',
  }));
}

/** The disk the VM boots from: boot order 1, else the first that is not cloud-init. */
export function rootDiskName(vm: WizardVm): string | undefined {
  const spec = vm.spec.template.spec;
  const disks = (spec.domain.devices?.disks ?? []).filter((d) => !isCloudInit(spec.volumes?.find((v) => v.name === d.name)));
  return (disks.find((d) => d.bootOrder === 1) ?? disks[0])?.name;
}

function diskOf(vm: WizardVm, d: VmDisk, root: boolean): WizardDisk {
  const volume = vm.spec.template.spec.volumes?.find((v) => v.name === d.name);
  const dvt = vm.spec.dataVolumeTemplates?.find((t) => t.metadata.name === volume?.dataVolume?.name);
  const storage = dvt?.spec.storage ?? dvt?.spec.pvc;
  return {
    id: d.name,
    name: d.name,
    source: root ? 'root' : 'template',
    url: '',
    image: '',
    pvcNamespace: '',
    pvcName: '',
    size: sizeOf(storage?.resources?.requests?.storage, DISK_UNITS, root ? { ...DEFAULT_ROOT_SIZE } : { value: '', unit: 'Gi' }),
    type: d.cdrom ? 'cdrom' : 'disk',
    bus: oneOf(DISK_BUSES, (d.disk ?? d.cdrom ?? d.lun)?.bus, d.cdrom ? 'sata' : 'virtio'),
    storageClass: storage?.storageClassName ?? '',
    volumeMode: oneOf(VOLUME_MODES, storage?.volumeMode, ''),
    accessMode: oneOf(ACCESS_MODES, storage?.accessModes?.[0], ''),
  };
}

function cloudInitOf(vm: WizardVm): CloudInitState {
  const userData = userDataOf(vm.spec.template.spec.volumes?.find(isCloudInit));
  const config = cloudConfig(userData);
  // User-data the form cannot show (a shell script…) opens as the custom script it is.
  if (!config) return { custom: true, hostname: '', sshKeys: '', script: userData ?? '' };
  const keys = config.ssh_authorized_keys;
  return {
    custom: false,
    hostname: typeof config.hostname === 'string' ? config.hostname : '',
    sshKeys: Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string').join('\n') : '',
    script: userData ?? '',
  };
}

export function initialState(template: Template, vm: WizardVm, name: string): WizardState {
  const domain = vm.spec.template.spec.domain;
  const cpu = domain.cpu;
  const flavor = templateFlavor(template);
  const root = rootDiskName(vm);
  const spec = vm.spec.template.spec;
  const disks = (domain.devices?.disks ?? []).filter((d) => !isCloudInit(spec.volumes?.find((v) => v.name === d.name)));
  // The boot disk first, as OpenShift lists it.
  disks.sort((a, b) => Number(b.name === root) - Number(a.name === root));
  return {
    general: {
      name,
      description: '',
      start: true,
      source: 'template',
      url: '',
      image: '',
      pvcNamespace: '',
      pvcName: '',
      flavor: PRESET_FLAVORS.find((f) => f === flavor) ?? ('custom' satisfies Flavor),
      cpus: String((cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1)),
      memory: sizeOf(domain.memory?.guest ?? domain.resources?.requests?.memory, MEMORY_UNITS, { value: '1', unit: 'Gi' }),
      workload: templateWorkload(template) ?? 'server',
    },
    nics: nicsOf(vm),
    disks: disks.map((d) => diskOf(vm, d, d.name === root)),
    bootDisk: root,
    cloudInit: cloudInitOf(vm),
    evictionStrategy: oneOf(EVICTION_STRATEGIES, spec.evictionStrategy, ''),
  };
}
