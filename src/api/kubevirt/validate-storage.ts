// Rules for disks and volumes of a VMI spec: names, one target/source each, and that disks and
// volumes pair up by name (KubeVirt needs both halves to build a guest disk).
import type { FieldError } from '../../machinery/kind.ts';
import { invalid, required } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import { duplicateNames } from '../common/unique-names.ts';
import { validateDiskName } from '../common/names.ts';
import { checkQuantity } from '../common/quantity-field.ts';
import { DISK_BUSES, DISK_CACHE_MODES, DISK_IO_MODES, HOST_DISK_TYPES, PULL_POLICIES } from './enums.ts';
import { checkEnum } from './validate-enum.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';
import { VOLUME_SOURCES, type Volume } from './vmi-volumes.ts';

/** `spec` is the VMI spec; `at` is its path (`spec` or `spec.template.spec`). */
export function validateStorage(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  return [...validateDisks(spec, at), ...validateVolumes(spec, at), ...validatePairing(spec, at)];
}

function nameErrors(field: string, name: string): FieldError[] {
  return validateDiskName(name).map((m) => invalid(field, `${field}: ${m}`));
}


function validateDisks(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const list = fieldPath(at, 'domain.devices.disks');
  const disks = spec.domain?.devices?.disks ?? [];
  const errs: FieldError[] = [...duplicateNames(disks, list)];
  disks.forEach((disk, i) => {
    const p = indexPath(list, i);
    errs.push(...nameErrors(fieldPath(p, 'name'), disk.name));
    const targets = (['disk', 'cdrom', 'lun'] as const).filter((t) => disk[t] !== undefined);
    if (targets.length > 1) {
      errs.push(invalid(p, `${p}: a disk may have only one of disk, cdrom or lun (got ${targets.join(', ')})`));
    }
    for (const t of targets) errs.push(...checkEnum(fieldPath(p, t, 'bus'), disk[t]?.bus, DISK_BUSES));
    if (disk.cdrom?.bus === 'virtio') {
      const f = fieldPath(p, 'cdrom.bus');
      errs.push(invalid(f, `${f}: bus "virtio" cannot carry a CD-ROM: use "sata" or "scsi"`));
    }
    if (disk.dedicatedIOThread && (disk.disk?.bus ?? 'virtio') !== 'virtio') {
      const f = fieldPath(p, 'dedicatedIOThread');
      errs.push(invalid(f, `${f}: a dedicated IO thread needs a disk on the virtio bus`));
    }
    errs.push(...checkEnum(fieldPath(p, 'cache'), disk.cache, DISK_CACHE_MODES));
    errs.push(...checkEnum(fieldPath(p, 'io'), disk.io, DISK_IO_MODES));
    if (disk.serial !== undefined && !/^[A-Za-z0-9_.+-]*$/.test(disk.serial)) {
      const f = fieldPath(p, 'serial');
      errs.push(invalid(f, `${f}: a serial may contain only the characters A-Z, a-z, 0-9, '_', '.', '+' and '-'`));
    }
  });
  return errs;
}

function validateVolumes(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const list = fieldPath(at, 'volumes');
  const volumes = spec.volumes ?? [];
  const errs: FieldError[] = [...duplicateNames(volumes, list)];
  volumes.forEach((vol, i) => {
    const p = indexPath(list, i);
    errs.push(...nameErrors(fieldPath(p, 'name'), vol.name));
    const sources = VOLUME_SOURCES.filter((s) => vol[s] !== undefined);
    if (sources.length !== 1) {
      const got = sources.length === 0 ? 'none' : sources.join(', ');
      errs.push(invalid(p, `${p}: a volume must have exactly one source type (${VOLUME_SOURCES.join(', ')}); got ${got}`));
    }
    errs.push(...validateVolumeSource(vol, p));
  });
  return errs;
}

function validateVolumeSource(vol: Volume, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (vol.containerDisk) {
    const f = fieldPath(p, 'containerDisk.image');
    if (!vol.containerDisk.image) errs.push(required(f, `${f}: a containerDisk needs the image to pull the disk from`));
    errs.push(...checkEnum(fieldPath(p, 'containerDisk.imagePullPolicy'), vol.containerDisk.imagePullPolicy, PULL_POLICIES));
  }
  if (vol.emptyDisk) {
    const f = fieldPath(p, 'emptyDisk.capacity');
    if (vol.emptyDisk.capacity === undefined) errs.push(required(f, `${f}: an emptyDisk needs a capacity (e.g. 10Gi)`));
    else errs.push(...checkQuantity(f, vol.emptyDisk.capacity));
  }
  if (vol.hostDisk) {
    const h = vol.hostDisk;
    const pathF = fieldPath(p, 'hostDisk.path');
    const typeF = fieldPath(p, 'hostDisk.type');
    const capF = fieldPath(p, 'hostDisk.capacity');
    if (!h.path) errs.push(required(pathF, `${pathF}: a hostDisk needs the path of the image on the node`));
    if (h.type === undefined) errs.push(required(typeF, `${typeF}: a hostDisk needs a type: "Disk" or "DiskOrCreate"`));
    else errs.push(...checkEnum(typeF, h.type, HOST_DISK_TYPES));
    if (h.type === 'DiskOrCreate' && h.capacity === undefined) {
      errs.push(required(capF, `${capF}: a hostDisk of type "DiskOrCreate" needs a capacity for the image it creates`));
    }
    if (h.type === 'Disk' && h.capacity !== undefined) {
      errs.push(invalid(capF, `${capF}: capacity is allowed only with ${typeF} "DiskOrCreate" (a "Disk" must already exist)`));
    }
    errs.push(...checkQuantity(capF, h.capacity));
  }
  for (const kind of ['cloudInitNoCloud', 'cloudInitConfigDrive'] as const) {
    const c = vol[kind];
    if (!c) continue;
    const f = fieldPath(p, kind);
    const userSources = [c.userData, c.userDataBase64, c.userDataSecretRef?.name ?? c.secretRef?.name].filter((v) => !!v);
    const netSources = [c.networkData, c.networkDataBase64, c.networkDataSecretRef?.name].filter((v) => !!v);
    if (userSources.length > 1) errs.push(invalid(f, `${f}: give only one of userData, userDataBase64 and userDataSecretRef`));
    if (netSources.length > 1) errs.push(invalid(f, `${f}: give only one of networkData, networkDataBase64 and networkDataSecretRef`));
    if (userSources.length === 0 && netSources.length === 0) {
      errs.push(required(f, `${f}: needs user data or network data (userData, userDataBase64, userDataSecretRef, networkData, ...)`));
    }
  }
  if (vol.dataVolume && !vol.dataVolume.name) {
    const f = fieldPath(p, 'dataVolume.name');
    errs.push(required(f, `${f}: a dataVolume volume needs the name of the DataVolume`));
  }
  if (vol.persistentVolumeClaim && !vol.persistentVolumeClaim.claimName) {
    const f = fieldPath(p, 'persistentVolumeClaim.claimName');
    errs.push(required(f, `${f}: a persistentVolumeClaim volume needs the claim name`));
  }
  return errs;
}

// Every disk needs a volume of its name, and every volume a disk (or virtiofs filesystem) of its
// name; KubeVirt checks the second only when a VMI is created, Vireo already for the VM so the VM
// does not fail later at start. Memory-dump volumes are attached by the platform, never as disks.
function validatePairing(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const disks = spec.domain?.devices?.disks ?? [];
  const filesystems = spec.domain?.devices?.filesystems ?? [];
  const volumes = spec.volumes ?? [];
  const volumeNames = new Set(volumes.map((v) => v.name));
  const consumerNames = new Set([...disks.map((d) => d.name), ...filesystems.map((f) => f.name)]);
  disks.forEach((disk, i) => {
    if (volumeNames.has(disk.name)) return;
    const f = fieldPath(indexPath(fieldPath(at, 'domain.devices.disks'), i), 'name');
    errs.push(invalid(f, `${f}: disk "${disk.name}" has no volume of the same name in ${fieldPath(at, 'volumes')}: every disk needs one`));
  });
  volumes.forEach((vol, i) => {
    if (vol.memoryDump || consumerNames.has(vol.name)) return;
    const f = fieldPath(indexPath(fieldPath(at, 'volumes'), i), 'name');
    errs.push(
      invalid(f, `${f}: volume "${vol.name}" has no disk of the same name in ${fieldPath(at, 'domain.devices.disks')}: every volume (cloud-init ones too) needs one`),
    );
  });
  return errs;
}
