// Stable names and PCI addresses. A live-migration target must get the same devices at the same
// addresses as its source, so nothing is left to QEMU's auto-assignment: every PCI device sits at a
// fixed slot on the q35 root bus (pcie.0), chosen only from the spec. Slot 0 is the host bridge and
// slot 0x1f holds q35's built-in ICH9 LPC/AHCI/SMBus, so 0x01–0x1e are ours:
//   0x01 VGA            0x02 virtio-serial (guest agent)   0x03 virtio-balloon
//   0x04 virtio-rng     0x05 virtio-scsi controller        0x06–0x07 reserved
//   0x08–0x0f NICs, in spec order (8)                      0x10–0x1e virtio-blk disks, in spec order (15)
// Singletons keep their slot even when absent, so adding a NIC never moves a disk.
import { LaunchError } from './launch-error.ts';

export const PCI_BUS = 'pcie.0';
export const SLOT = { vga: 0x01, virtioSerial: 0x02, balloon: 0x03, rng: 0x04, scsi: 0x05 } as const;
const NIC_FIRST = 0x08;
const NIC_MAX = 8;
const VIRTIO_DISK_FIRST = 0x10;
const VIRTIO_DISK_MAX = 15;
/** q35's built-in AHCI (00:1f.2) has six ports, buses ide.0 … ide.5. */
export const SATA_MAX = 6;

export function pciAddr(slot: number): string {
  return `0x${slot.toString(16)}`;
}

export function nicSlot(index: number, name: string): number {
  if (index >= NIC_MAX) throw new LaunchError(`interface "${name}": at most ${NIC_MAX} interfaces are supported`);
  return NIC_FIRST + index;
}

export function virtioDiskSlot(index: number, name: string): number {
  if (index >= VIRTIO_DISK_MAX) {
    throw new LaunchError(`disk "${name}": at most ${VIRTIO_DISK_MAX} virtio disks are supported`);
  }
  return VIRTIO_DISK_FIRST + index;
}

// Block node names are limited to 31 characters, so they use the disk's index in the spec; the
// agent uses these for block jobs (mirror, export) on the same disk.
export function diskNode(index: number): string {
  return `drive${index}`;
}
export function diskFileNode(index: number): string {
  return `drive${index}-file`;
}
export function diskBaseNode(index: number): string {
  return `drive${index}-base`;
}
export function diskBaseFileNode(index: number): string {
  return `drive${index}-base-file`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Device ids carry the KubeVirt name (like KubeVirt's `ua-` aliases) so QMP output is readable. */
export function diskDeviceId(name: string): string {
  checkName(name, 'disk');
  return `ua-disk-${name}`;
}
export function nicDeviceId(name: string): string {
  checkName(name, 'interface');
  return `ua-net-${name}`;
}
export function netdevId(index: number): string {
  return `hostnet${index}`;
}

function checkName(name: string, what: string): void {
  if (!NAME.test(name)) throw new LaunchError(`${what} name ${JSON.stringify(name)} is not a valid name`);
}
