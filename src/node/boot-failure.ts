// A BIOS guest whose disks hold nothing bootable never fails by itself: SeaBIOS prints "No bootable
// device." on its debug port and retries forever. The agent reads that port's log (run dir
// firmware.log, see src/qemu/argv.ts) and turns it into a failed VMI with SeaBIOS's own reason.
import { readFile } from 'node:fs/promises';

/** The boot failure the firmware log reports, or undefined (also when there is no log yet). */
export async function firmwareBootFailure(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!/No bootable device/.test(text)) return undefined;
  const reasons = [...new Set([...text.matchAll(/Boot failed: ([^\r\n]+)/g)].map((m) => m[1]!.trim()))];
  return `no bootable disk: the firmware found nothing to boot${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
}
