// The Storage sub-tab: the VM's disks as table rows, and the patches that add or remove one. A
// disk is a device in domain.devices.disks plus the volume of the same name; a new disk whose
// content is a new PVC (blank, URL, registry, clone) also gets a DataVolume template named
// <vm>-<disk>, as KubeVirt and the Customize wizard make them.
import { freeName } from '../wizard/edits.ts';
import { registryUrl, storageOf } from '../wizard/disks.ts';
import type { WizardDisk } from '../wizard/state.ts';
import type { DataVolumeSource, DataVolumeTemplate, VmDisk, VmVolume } from '../wizard/vm-shape.ts';
import { appendOps, removeAtOps, type PatchOp } from './json-patch.ts';
import { DEVICES, SPEC, templateSpecOf, type ConfigVm } from './vm-view.ts';

export type SourceKind = 'containerDisk' | 'pvc' | 'dataVolume' | 'cloudInit' | 'emptyDisk' | 'other';

export interface DiskRow {
  name: string;
  drive: 'disk' | 'cdrom' | 'lun';
  bus: string;
  source: SourceKind;
  /** The image, claim or DataVolume (and what it imports), as one line. */
  detail: string;
  size?: string;
  bootOrder?: number;
}

/** Volume kinds the wizard's shape leaves out. */
type AnyVolume = VmVolume & { emptyDisk?: { capacity?: string }; ephemeral?: { persistentVolumeClaim?: { claimName?: string } } };

function dvSource(t: DataVolumeTemplate | undefined): string {
  const s = t?.spec.source;
  if (s?.blank) return 'blank';
  if (s?.http) return s.http.url;
  if (s?.registry) return s.registry.url;
  if (s?.pvc) return `${s.pvc.namespace ?? ''}/${s.pvc.name}`;
  const ref = t?.spec.sourceRef;
  return ref ? `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}` : '';
}

function sourceOf(vm: ConfigVm, v: AnyVolume | undefined): Pick<DiskRow, 'source' | 'detail' | 'size'> {
  if (v?.containerDisk) return { source: 'containerDisk', detail: v.containerDisk.image };
  if (v?.persistentVolumeClaim) return { source: 'pvc', detail: v.persistentVolumeClaim.claimName };
  if (v?.ephemeral?.persistentVolumeClaim) return { source: 'pvc', detail: v.ephemeral.persistentVolumeClaim.claimName ?? '' };
  if (v?.cloudInitNoCloud || v?.cloudInitConfigDrive) return { source: 'cloudInit', detail: v.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive' };
  if (v?.emptyDisk) return { source: 'emptyDisk', detail: '', size: v.emptyDisk.capacity };
  if (v?.dataVolume) {
    const t = vm.spec?.dataVolumeTemplates?.find((x) => x.metadata.name === v.dataVolume?.name);
    const from = dvSource(t);
    return { source: 'dataVolume', detail: from ? `${v.dataVolume.name} (${from})` : v.dataVolume.name, size: (t?.spec.storage ?? t?.spec.pvc)?.resources?.requests?.storage };
  }
  return { source: 'other', detail: v ? Object.keys(v).filter((k) => k !== 'name').join(', ') : '' };
}

export function diskRows(vm: ConfigVm): DiskRow[] {
  const spec = templateSpecOf(vm);
  return (spec.domain?.devices?.disks ?? []).map((d) => {
    const drive = d.cdrom ? 'cdrom' : d.lun ? 'lun' : 'disk';
    const bus = (d.cdrom ?? d.lun ?? d.disk)?.bus ?? 'virtio';
    return { name: d.name, drive, bus, bootOrder: d.bootOrder, ...sourceOf(vm, spec.volumes?.find((v) => v.name === d.name)) };
  });
}

/** Names a new disk must not take: the VM's disks and volumes. */
export function takenDiskNames(vm: ConfigVm): string[] {
  const spec = templateSpecOf(vm);
  return [...new Set([...(spec.domain?.devices?.disks ?? []).map((d) => d.name), ...(spec.volumes ?? []).map((v) => v.name)])];
}

/** A fresh blank disk for the Add disk form, named disk-N. */
export function newDisk(vm: ConfigVm): WizardDisk {
  return {
    id: '#new',
    name: freeName('disk', takenDiskNames(vm)),
    source: 'blank',
    url: '',
    image: '',
    pvcNamespace: '',
    pvcName: '',
    size: { value: '1', unit: 'Gi' },
    type: 'disk',
    bus: 'virtio',
    storageClass: '',
    volumeMode: '',
    accessMode: '',
  };
}

function dataVolumeSource(d: WizardDisk): DataVolumeSource | undefined {
  switch (d.source) {
    case 'blank':
      return { blank: {} };
    case 'url':
      return { http: { url: d.url.trim() } };
    case 'registry':
      return { registry: { url: registryUrl(d.image) } };
    case 'clonePvc':
      return { pvc: { namespace: d.pvcNamespace, name: d.pvcName } };
    default:
      return undefined;
  }
}

/** The ops that add disk `d` (device, volume and, for a new PVC, its DataVolume template). */
export function addDiskOps(vm: ConfigVm, d: WizardDisk): PatchOp[] {
  const disk: VmDisk = d.type === 'cdrom' ? { name: d.name, cdrom: { bus: d.bus } } : { name: d.name, disk: { bus: d.bus } };
  let volume: VmVolume;
  const ops: PatchOp[] = [];
  const source = dataVolumeSource(d);
  if (source) {
    const taken = (vm.spec?.dataVolumeTemplates ?? []).map((t) => t.metadata.name);
    const base = `${vm.metadata.name}-${d.name}`;
    const dvName = taken.includes(base) ? freeName(base, taken) : base;
    const dvt: DataVolumeTemplate = { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: dvName }, spec: { source, storage: storageOf(d) } };
    ops.push(...appendOps(vm, ['spec', 'dataVolumeTemplates'], dvt));
    volume = { name: d.name, dataVolume: { name: dvName } };
  } else if (d.source === 'pvc') {
    volume = { name: d.name, persistentVolumeClaim: { claimName: d.pvcName } };
  } else {
    volume = { name: d.name, containerDisk: { image: d.image.trim() } };
  }
  ops.push(...appendOps(vm, [...DEVICES, 'disks'], disk), ...appendOps(vm, [...SPEC, 'volumes'], volume));
  return ops;
}

/**
 * The ops that remove disk `name`: its device, its volume and the DataVolume template the volume
 * names (the DataVolume itself stays, as when KubeVirt's console detaches a disk).
 */
export function removeDiskOps(vm: ConfigVm, name: string): PatchOp[] {
  const spec = templateSpecOf(vm);
  const volumes = spec.volumes ?? [];
  const vi = volumes.findIndex((v) => v.name === name);
  const dvName = volumes[vi]?.dataVolume?.name;
  const ti = dvName === undefined ? -1 : (vm.spec?.dataVolumeTemplates ?? []).findIndex((t) => t.metadata.name === dvName);
  return [
    ...removeAtOps(vm, [...DEVICES, 'disks'], (spec.domain?.devices?.disks ?? []).findIndex((d) => d.name === name)),
    ...removeAtOps(vm, [...SPEC, 'volumes'], vi),
    ...removeAtOps(vm, ['spec', 'dataVolumeTemplates'], ti),
  ];
}
