// Disk list → the VM's disks, volumes and dataVolumeTemplates. Each wizard disk becomes a disk
// device and a volume of the same name; sources that create a PVC (blank, URL, registry, clone, and
// the boot disk when General names a URL, a container image or a disk to clone) get a DataVolume
// template, as OpenShift's wizard makes them. The template's own disks are kept as they are, the
// boot disk with the size and storage class the user set. The bootable disk gets boot order 1 (2
// after the PXE NIC). The cloud-init disk is left in place for cloud-init.ts.
import type { GeneralState, WizardDisk, WizardState } from './state.ts';
import { quantity } from './state.ts';
import { isCloudInit, type DataVolumeSource, type DataVolumeTemplate, type DvStorage, type VmDisk, type VmVolume, type WizardVm } from './vm-shape.ts';

const DV_API = 'cdi.kubevirt.io/v1beta1';

/** `docker://` unless the user already gave a transport. */
export const registryUrl = (image: string): string => (/^[a-z-]+:\/\//.test(image.trim()) ? image.trim() : `docker://${image.trim()}`);

export function storageOf(d: WizardDisk, base: DvStorage = {}): DvStorage {
  const s: DvStorage = { ...base, resources: { ...base.resources, requests: { ...base.resources?.requests, storage: quantity(d.size) } } };
  if (d.storageClass) s.storageClassName = d.storageClass;
  if (d.volumeMode) s.volumeMode = d.volumeMode;
  if (d.accessMode) s.accessModes = [d.accessMode];
  return s;
}

/** The DataVolume source of a disk that imports, clones or starts blank; undefined for others. */
export function dataVolumeSource(d: WizardDisk, general: GeneralState): DataVolumeSource | undefined {
  if (d.source === 'root') {
    // The boot disk's content is General's source; its container image is imported into a PVC.
    switch (general.source) {
      case 'url':
        return { http: { url: general.url.trim() } };
      case 'container':
        return { registry: { url: registryUrl(general.image) } };
      case 'disk':
        return { pvc: { namespace: general.pvcNamespace, name: general.pvcName } };
      default:
        return undefined;
    }
  }
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

function device(d: WizardDisk, base?: VmDisk): VmDisk {
  const rest: VmDisk = { ...base, name: d.name };
  delete rest.disk;
  delete rest.cdrom;
  delete rest.lun;
  delete rest.bootOrder;
  if (d.type === 'cdrom') return { ...rest, cdrom: { ...base?.cdrom, bus: d.bus } };
  if (base?.lun) return { ...rest, lun: { ...base.lun, bus: d.bus } };
  return { ...rest, disk: { ...base?.disk, bus: d.bus } };
}

interface Built {
  disk: VmDisk;
  volume: VmVolume;
  dvt?: DataVolumeTemplate;
}

function fromTemplate(d: WizardDisk, vm: WizardVm, base: { disk?: VmDisk; volume?: VmVolume }, resize: boolean): Built | undefined {
  if (!base.volume) return undefined;
  const volume: VmVolume = { ...structuredClone(base.volume), name: d.name };
  const dvName = base.volume.dataVolume?.name;
  const found = dvName === undefined ? undefined : vm.spec.dataVolumeTemplates?.find((t) => t.metadata.name === dvName);
  const dvt = found && structuredClone(found);
  if (dvt && resize) {
    // The template's boot disk: the user's size and storage settings on whichever claim spec it uses.
    if (dvt.spec.pvc && !dvt.spec.storage) dvt.spec.pvc = storageOf(d, dvt.spec.pvc);
    else dvt.spec.storage = storageOf(d, dvt.spec.storage);
  }
  return { disk: device(d, base.disk), volume, dvt };
}

function fresh(d: WizardDisk, state: WizardState, vmName: string, rootDvName: string | undefined): Built {
  const disk = device(d);
  if (d.source === 'pvc') return { disk, volume: { name: d.name, persistentVolumeClaim: { claimName: d.pvcName } } };
  if (d.source === 'container') return { disk, volume: { name: d.name, containerDisk: { image: d.image.trim() } } };
  const dvName = (d.source === 'root' && rootDvName) || `${vmName}-${d.name}`;
  const dvt: DataVolumeTemplate = {
    apiVersion: DV_API,
    kind: 'DataVolume',
    metadata: { name: dvName },
    spec: { source: dataVolumeSource(d, state.general), storage: storageOf(d) },
  };
  return { disk, volume: { name: d.name, dataVolume: { name: dvName } }, dvt };
}

/** Rewrites `vm`'s disks, volumes and dataVolumeTemplates from the wizard's disk list. */
export function applyDisks(vm: WizardVm, state: WizardState): void {
  const spec = vm.spec.template.spec;
  const baseDisks = spec.domain.devices?.disks ?? [];
  const baseVolumes = spec.volumes ?? [];
  const volumeOf = (name: string) => baseVolumes.find((v) => v.name === name);
  const cloudDisks = baseDisks.filter((d) => isCloudInit(volumeOf(d.name)));
  const cloudVolumes = baseVolumes.filter((v) => isCloudInit(v));
  const vmName = vm.metadata.name;
  const pxe = state.general.source === 'pxe';

  const built: Built[] = [];
  for (const d of state.disks) {
    if (d.source === 'root' && pxe) continue;
    const base = { disk: baseDisks.find((x) => x.name === d.id), volume: volumeOf(d.id) };
    const keep = d.source === 'template' || (d.source === 'root' && state.general.source === 'template');
    const b = keep ? fromTemplate(d, vm, base, d.source === 'root') : fresh(d, state, vmName, base.volume?.dataVolume?.name);
    if (!b) continue;
    if (d.id === state.bootDisk) b.disk.bootOrder = pxe ? 2 : 1;
    built.push(b);
  }

  const devices = (spec.domain.devices ??= {});
  devices.disks = [...built.map((b) => b.disk), ...cloudDisks];
  spec.volumes = [...built.map((b) => b.volume), ...cloudVolumes];
  const dvts = built.flatMap((b) => (b.dvt ? [b.dvt] : []));
  if (dvts.length > 0) vm.spec.dataVolumeTemplates = dvts;
  else delete vm.spec.dataVolumeTemplates;
}
