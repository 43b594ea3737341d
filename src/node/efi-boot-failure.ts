// An EFI guest that boots nothing never fails by itself either. Debian's OVMF is a release build
// (nothing on the debug port), but its boot manager reports on the serial console: one
// `BdsDxe: failed to load Boot0001 "…" from …: Access Denied` line per boot option, then
// `BdsDxe: No bootable option or device was found.` — or, without secure boot, it falls back to
// its built-in UEFI shell. Secure boot refusing an unsigned loader is such a case (Access Denied /
// Security Violation), and is said so, since the disk itself is fine; so is a loader too large for
// the guest's memory (Out of Resources).
import { open } from 'node:fs/promises';

/** Firmware output precedes the guest's; the boot manager's verdict is always in this head. */
const HEAD_BYTES = 64 * 1024;

const FAILED = /BdsDxe: failed to (?:load|start) (Boot[0-9A-Fa-f]{4}) "([^"]*)" from [^\r\n]*?: ([^\r\n:]+?)[ \t]*\r?$/gm;
const NOTHING = /BdsDxe: No bootable option or device was found\./;
/** The shell's banner: it runs (under secure boot it is refused instead). */
const SHELL = /UEFI Interactive Shell v/;
const SECURITY = new Set(['Access Denied', 'Security Violation']);

/** OVMF's verdict in serial console text: why nothing booted, or undefined. */
export function ovmfBootFailure(text: string): string | undefined {
  const failures = [...text.matchAll(FAILED)].map((m) => ({ option: `${m[1]} "${m[2]}"`, status: m[3]!.trim(), shell: m[2] === 'EFI Internal Shell' }));
  // The shell is a fallback only when a real boot option failed before it.
  const shell = SHELL.test(text) && failures.some((f) => !f.shell);
  // Until the boot manager gives up (or falls back), a later option may still boot.
  if (!NOTHING.test(text) && !shell) return undefined;
  const list = [...new Set(failures.map((f) => `${f.option}: ${f.status}`))].join('; ');
  // The secure boot build refuses its own shell too; what matters is the disk's loader.
  if (failures.some((f) => !f.shell && SECURITY.has(f.status))) {
    return `secure boot refused to start the boot loader: it is not signed by a key the firmware trusts (${list})`;
  }
  if (failures.some((f) => !f.shell && f.status === 'Out of Resources')) {
    return `the UEFI firmware could not load the boot loader: out of memory, give the VM more memory (${list})`;
  }
  const how = shell ? 'found nothing to boot and started its built-in shell' : 'found nothing to boot';
  return `no bootable disk: the UEFI firmware ${how}${list ? ` (${list})` : ''}`;
}

/** The first HEAD_BYTES of the serial log, or undefined before QEMU created it. */
export async function serialLogHead(path: string): Promise<string | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead).toString('latin1');
  } finally {
    await fh.close();
  }
}
