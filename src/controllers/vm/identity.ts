// Identities a VM keeps across restarts: the SMBIOS UUID (so guest licensing and cloud-init
// instance ids survive a new VMI) and a MAC per interface (so DHCP leases and udev names do).
import { createHash } from 'node:crypto';

/** KubeVirt's namespace for firmware UUIDs (pkg/virt-controller/watch/vm/firmware.go). */
const FIRMWARE_UUID_NAMESPACE = '6a1a24a1-4061-4607-8bf4-a3963d0c5895';

/** RFC 4122 version 5 (SHA-1, name-based) UUID of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The VM's firmware UUID: stable for the same namespace/name, different across namespaces. */
export function firmwareUuid(namespace: string, name: string): string {
  return uuidV5(FIRMWARE_UUID_NAMESPACE, `${namespace}/${name}`);
}

/** A locally administered unicast MAC (02:…) derived from the VM uid and the interface name. */
export function stableMac(vmUid: string, interfaceName: string): string {
  const h = createHash('sha256').update(`${vmUid}/${interfaceName}`).digest();
  const bytes = [0x02, ...h.subarray(0, 5)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
