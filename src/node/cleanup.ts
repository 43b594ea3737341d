// Removing what a guest left on the node. Once a VMI reaches a final phase its disks go, but the
// serial log (KubeVirt's guest console log) and QEMU's log stay until the VMI object is deleted.
// A swtpm that outlived its QEMU (one that never connected to it) is stopped first; the loop
// devices of Block claims are let go before the run dir's record of them goes.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deleteTaps } from './bridge-taps.ts';
import { releaseGuestLoopDevices } from './storage/loop-device-guest.ts';
import { stopSwtpm } from './swtpm.ts';
import type { RunDir } from './run-dir.ts';

const KEEP_UNTIL_DELETED = new Set(['serial.log', 'qemu.log']);

export async function removeGuestFiles(run: RunDir): Promise<void> {
  await stopSwtpm(run.dir);
  await deleteTaps(run.dir);
  await releaseGuestLoopDevices(run.dir);
  let names: string[];
  try {
    names = await readdir(run.dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  await Promise.all(names.filter((n) => !KEEP_UNTIL_DELETED.has(n)).map((n) => rm(join(run.dir, n), { recursive: true, force: true })));
}

export async function removeRunDir(run: RunDir): Promise<void> {
  await stopSwtpm(run.dir);
  await deleteTaps(run.dir);
  await releaseGuestLoopDevices(run.dir);
  await rm(run.dir, { recursive: true, force: true });
}
