// A guest whose disks hold nothing bootable never fails by itself: the firmware retries or waits
// forever. BIOS: SeaBIOS prints "No bootable device." on its debug port, which argv.ts attaches to
// BIOS guests only (run dir firmware.log). EFI: OVMF says it on the serial console
// (efi-boot-failure.ts). The agent turns either into a failed VMI with the firmware's own reason.
import { readFile } from 'node:fs/promises';
import type { RunDir } from './run-dir.ts';
import { ovmfBootFailure, serialLogHead } from './efi-boot-failure.ts';

/** The boot failure SeaBIOS's log reports, or undefined (also when there is no log yet). */
export async function firmwareBootFailure(path: string | undefined): Promise<string | undefined> {
  const text = await readIfPresent(path);
  return text === undefined ? undefined : seabiosBootFailure(text);
}

function seabiosBootFailure(text: string): string | undefined {
  if (!/No bootable device/.test(text)) return undefined;
  const reasons = [...new Set([...text.matchAll(/Boot failed: ([^\r\n]+)/g)].map((m) => m[1]!.trim()))];
  return `no bootable disk: the firmware found nothing to boot${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
}

/** Why the guest's firmware booted nothing, or undefined: SeaBIOS's log when it has one, else OVMF's serial output. */
export async function guestBootFailure(run: Pick<RunDir, 'firmwareLog' | 'serialLog'>): Promise<string | undefined> {
  const seabios = await readIfPresent(run.firmwareLog);
  if (seabios !== undefined) return seabiosBootFailure(seabios);
  const head = await serialLogHead(run.serialLog);
  return head === undefined ? undefined : ovmfBootFailure(head);
}

async function readIfPresent(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
