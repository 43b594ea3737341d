// Disks → `-blockdev` (file node, host_device for a block device, + format node, plus an explicit
// read-only backing pair for overlays) and one `-device` each. Buses: virtio → virtio-blk-pci on
// pcie.0; sata → ide-hd/ide-cd on q35's built-in AHCI (ide.0–ide.5); scsi → scsi-hd/scsi-cd on one
// virtio-scsi-pci controller.
import { LaunchError } from './launch-error.ts';
import type { LaunchDisk, LaunchVmiSpec, ResolvedVolume } from './launch-spec.ts';
import {
  PCI_BUS,
  SATA_MAX,
  SLOT,
  diskBaseFileNode,
  diskBaseNode,
  diskDeviceId,
  diskFileNode,
  diskNode,
  pciAddr,
  virtioDiskSlot,
} from './layout.ts';
import { opts } from './qemu-opts.ts';

export const SCSI_CONTROLLER_ID = 'scsi0';

type DiskType = 'disk' | 'cdrom' | 'lun';

interface CacheMode {
  direct: boolean;
  writeCache: boolean;
}

// libvirt's meaning of KubeVirt's cache modes: `none` bypasses the host page cache (O_DIRECT) but
// keeps the guest-visible write cache; `writethrough` reports no write cache; `writeback` both cached.
const CACHE: Record<string, CacheMode> = {
  none: { direct: true, writeCache: true },
  writethrough: { direct: false, writeCache: false },
  writeback: { direct: false, writeCache: true },
};

function diskType(d: LaunchDisk, vol: ResolvedVolume): DiskType {
  if (d.lun) return 'lun';
  if (d.cdrom) return 'cdrom';
  if (d.disk) return 'disk';
  return vol.kind; // KubeVirt defaults a bare entry to `disk`; the agent knows if the media is an ISO
}

function cacheMode(d: LaunchDisk, vol: ResolvedVolume, field: string): CacheMode {
  // KubeVirt's default: `none` where the file system supports O_DIRECT, else `writethrough`.
  const name = d.cache ?? (vol.directIO === false ? 'writethrough' : 'none');
  const mode = CACHE[name];
  if (!mode) throw new LaunchError(`disk "${d.name}": unknown cache mode "${name}"`, `${field}.cache`);
  if (mode.direct && vol.directIO === false) {
    throw new LaunchError(`disk "${d.name}": cache mode "none" needs O_DIRECT, which the volume's file system lacks`, `${field}.cache`);
  }
  return mode;
}

/** Volume lookup, refusing a disk without a volume of its name or one the agent did not resolve. */
function volumeFor(spec: LaunchVmiSpec, d: LaunchDisk, volumes: ResolvedVolume[], field: string): ResolvedVolume {
  if (spec.volumes && !spec.volumes.some((v) => v.name === d.name)) {
    throw new LaunchError(`disk "${d.name}" has no volume of the same name`, field);
  }
  const vol = volumes.find((v) => v.name === d.name);
  if (!vol) throw new LaunchError(`disk "${d.name}": volume "${d.name}" was not resolved to a local file`, field);
  return vol;
}

export interface DiskArgs {
  argv: string[];
  /** True when a disk sits on the SCSI bus (the caller adds the controller first). */
  needsScsi: boolean;
}

/** `bootIndex(i)` gives the bootindex for disk i (or undefined). */
export function diskArgs(
  spec: LaunchVmiSpec,
  volumes: ResolvedVolume[],
  bootIndex: (i: number) => number | undefined,
): DiskArgs {
  const disks = spec.domain?.devices?.disks ?? [];
  const argv: string[] = [];
  let virtio = 0;
  let sata = 0;
  let scsi = 0;
  disks.forEach((d, i) => {
    const field = `spec.domain.devices.disks[${i}]`;
    const vol = volumeFor(spec, d, volumes, field);
    const type = diskType(d, vol);
    const target = type === 'lun' ? d.lun : type === 'cdrom' ? d.cdrom : d.disk;
    const bus = target?.bus ?? (type === 'disk' ? 'virtio' : type === 'cdrom' ? 'sata' : 'scsi');
    const readOnly =
      vol.readOnly ||
      (type === 'cdrom' ? d.cdrom?.readonly !== false : type === 'lun' ? d.lun?.readonly === true : d.disk?.readonly === true);
    const cache = cacheMode(d, vol, field);

    argv.push(...blockdevs(i, vol, readOnly, cache));

    const common: [string, string | number | boolean | undefined][] = [
      ['drive', diskNode(i)],
      ['id', diskDeviceId(d.name)],
    ];
    const tail: [string, string | number | boolean | undefined][] = [
      ['serial', d.serial],
      ['write-cache', readOnly ? undefined : cache.writeCache],
      ['bootindex', bootIndex(i)],
    ];
    let device: string;
    if (bus === 'virtio' && type === 'disk') {
      const slot = virtioDiskSlot(virtio++, d.name);
      device = opts('virtio-blk-pci', [...common, ['bus', PCI_BUS], ['addr', pciAddr(slot)], ...tail]);
    } else if (bus === 'sata' && type !== 'lun') {
      if (sata >= SATA_MAX) throw new LaunchError(`disk "${d.name}": at most ${SATA_MAX} sata disks are supported`, field);
      const model = type === 'cdrom' ? 'ide-cd' : 'ide-hd';
      device = opts(model, [...common, ['bus', `ide.${sata++}`], ...tail]);
    } else if (bus === 'scsi') {
      // No SCSI passthrough of host devices: a `lun` is backed by a file like any disk.
      const model = type === 'cdrom' ? 'scsi-cd' : 'scsi-hd';
      const lun = scsi++;
      device = opts(model, [...common, ['bus', `${SCSI_CONTROLLER_ID}.0`], ['channel', 0], ['scsi-id', 0], ['lun', lun], ...tail]);
    } else {
      throw new LaunchError(`disk "${d.name}": bus "${bus}" is not supported for a ${type} (use virtio, sata or scsi)`, `${field}.${type}.bus`);
    }
    argv.push('-device', device);
  });
  return { argv, needsScsi: scsi > 0 };
}

/** file-posix's two faces: `host_device` for a block device (a Block claim's loop device), else `file`. */
function protocolDriver(blockDevice: boolean | undefined): 'file' | 'host_device' {
  return blockDevice ? 'host_device' : 'file';
}

function blockdevs(i: number, vol: ResolvedVolume, readOnly: boolean, cache: CacheMode): string[] {
  for (const f of [vol.format, vol.backing?.format]) {
    if (f !== undefined && f !== 'qcow2' && f !== 'raw') {
      throw new LaunchError(`volume "${vol.name}": image format "${String(f)}" is not supported (qcow2 or raw)`);
    }
  }
  const out: string[] = [];
  const cacheOpts: [string, boolean][] = [
    ['cache.direct', cache.direct],
    ['cache.no-flush', false],
  ];
  if (vol.backing) {
    out.push(
      '-blockdev',
      opts(undefined, [['driver', protocolDriver(vol.backing.blockDevice)], ['node-name', diskBaseFileNode(i)], ['filename', vol.backing.path], ['read-only', true], ...cacheOpts]),
      '-blockdev',
      opts(undefined, [['driver', vol.backing.format], ['node-name', diskBaseNode(i)], ['file', diskBaseFileNode(i)], ['read-only', true]]),
    );
  }
  out.push(
    '-blockdev',
    opts(undefined, [['driver', protocolDriver(vol.blockDevice)], ['node-name', diskFileNode(i)], ['filename', vol.path], ['read-only', readOnly], ...cacheOpts]),
  );
  if (vol.backing && vol.format !== 'qcow2') {
    throw new LaunchError(`volume "${vol.name}": a backing image needs a qcow2 overlay, not ${vol.format}`);
  }
  out.push(
    '-blockdev',
    opts(undefined, [
      ['driver', vol.format],
      ['node-name', diskNode(i)],
      ['file', diskFileNode(i)],
      ['read-only', readOnly],
      ['backing', vol.backing ? diskBaseNode(i) : undefined],
    ]),
  );
  return out;
}

export function scsiControllerArgs(): string[] {
  return ['-device', opts('virtio-scsi-pci', [['id', SCSI_CONTROLLER_ID], ['bus', PCI_BUS], ['addr', pciAddr(SLOT.scsi)]])];
}
