// A guest's loop devices (volumeMode: Block claims), whose lifetime must be its QEMU's. Each attach
// gets its own device, which the agent holds open while it arms autoclear: from then on the
// kernel detaches it when the last opener closes it, so a guest's device goes with its QEMU even
// when the agent is not there to see it (crash, restart, adoption). The agent's own hold ends
// once QEMU has started (or failed to). The backing files are recorded in the run dir, so the
// cleanup also finds, through `losetup --associated`, a device an interrupted attach never armed.
import { appendFile, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { attachLoopDevice, detachLoopDevice, LoopDeviceError, loopDevicesOf } from './loop-device.ts';

const BACKING_FILE = 'loop-backing';

/** The agent's open handles on the devices of each run dir. */
const held = new Map<string, { dev: string; fh: FileHandle }[]>();
/** Attaches under way per backing file: their devices are unarmed for a moment and not leftovers. */
const attaching = new Map<string, number>();

/** Attaches a loop device over `file` for the guest of `runDir`; its path. Throws LoopDeviceError. */
export async function attachGuestLoopDevice(runDir: string, file: string, readOnly: boolean): Promise<string> {
  // Recorded first: whatever happens next, the cleanup knows which file to look for.
  const record = join(runDir, BACKING_FILE);
  await appendFile(record, `${file}\n`);
  attaching.set(file, (attaching.get(file) ?? 0) + 1);
  try {
    let dev: string;
    try {
      dev = await attachLoopDevice(file, readOnly);
    } catch (e) {
      // A failed losetup leaves no device behind: struck out, so the cleanup has nothing to look
      // for (and needs no working losetup where the node has none).
      await appendFile(record, `-${file}\n`);
      throw e;
    }
    const fh = await holdAndArm(dev);
    const list = held.get(runDir) ?? [];
    list.push({ dev, fh });
    held.set(runDir, list);
    return dev;
  } finally {
    const n = (attaching.get(file) ?? 1) - 1;
    if (n > 0) attaching.set(file, n);
    else attaching.delete(file);
  }
}

async function holdAndArm(dev: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(dev, 'r');
  } catch (e) {
    await detachLoopDevice(dev);
    throw new LoopDeviceError(`cannot open ${dev}: ${(e as Error).message}`, { cause: e });
  }
  try {
    // With our handle open, LOOP_CLR_FD only arms autoclear (see detachLoopDevice).
    await detachLoopDevice(dev);
  } catch (e) {
    await fh.close(); // unarmed and unused now: the cleanup's leftover sweep detaches it
    throw e;
  }
  return fh;
}

/** Ends the agent's hold on the devices of `runDir` (its QEMU has them open, or never will). */
export async function dropLoopDeviceHolds(runDir: string): Promise<void> {
  const mine = held.get(runDir) ?? [];
  held.delete(runDir);
  for (const { fh } of mine) await fh.close();
}

/**
 * The guest of `runDir` has ended (or never started): drops the agent's hold on its devices, and
 * detaches any unarmed device over its backing files. Armed devices are left alone: they belong
 * to some QEMU (another guest sharing the claim) and go with it.
 */
export async function releaseGuestLoopDevices(runDir: string): Promise<void> {
  await dropLoopDeviceHolds(runDir);
  for (const file of await recordedFiles(runDir)) {
    if (attaching.has(file)) continue; // its unarmed device is about to be armed, not left over
    const devices = await loopDevicesOf(file);
    // An unarmed device is the leftover of an attach cut short (agent crash). Should something
    // still hold it, LOOP_CLR_FD only arms it, so it never goes from under a user.
    for (const d of devices.filter((x) => !x.autoclear)) {
      await detachLoopDevice(d.name).catch((e: unknown) => {
        if (!/No such device or address/.test((e as Error).message)) throw e; // gone meanwhile: that was the aim
      });
    }
  }
}

/** The files of the run dir's record that an attach may have left a device over. */
async function recordedFiles(runDir: string): Promise<string[]> {
  let lines: string[];
  try {
    lines = (await readFile(join(runDir, BACKING_FILE), 'utf8')).split('\n').filter(Boolean);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  // Paths are absolute, so a leading '-' can only be a strike-out.
  const count = new Map<string, number>();
  for (const l of lines) {
    const file = l.startsWith('-') ? l.slice(1) : l;
    count.set(file, (count.get(file) ?? 0) + (l.startsWith('-') ? -1 : 1));
  }
  return [...count].filter(([, n]) => n > 0).map(([f]) => f);
}
