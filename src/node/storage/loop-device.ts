// util-linux `losetup`, the one tool that turns a raw image file into a block device (/dev/loopN):
// attach, list the devices over a file, detach, and re-read a grown file's size. Every failure
// is a LoopDeviceError carrying losetup's own message; nothing here decides what a failure means.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LOSETUP = 'losetup';

export class LoopDeviceError extends Error {}

export interface LoopDevice {
  /** /dev/loopN */
  name: string;
  backFile: string;
  /** Set: the kernel detaches the device when its last opener closes it. */
  autoclear: boolean;
  readOnly: boolean;
}

async function losetup(args: string[]): Promise<string> {
  try {
    return (await run(LOSETUP, args)).stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const why = err.code === 'ENOENT' ? `${LOSETUP} is not installed` : (err.stderr ?? '').trim() || err.message;
    throw new LoopDeviceError(why, { cause: e });
  }
}

/** A new loop device over `file` (never one shared with another user of the file); its path. */
export async function attachLoopDevice(file: string, readOnly: boolean): Promise<string> {
  // Direct I/O: the device does not keep a second page cache of the file, so every user of the
  // file (another loop device, qemu-img, a copy) sees the same bytes.
  const out = await losetup(['--find', '--show', '--direct-io=on', ...(readOnly ? ['--read-only'] : []), file]);
  const dev = out.trim();
  if (!dev.startsWith('/dev/loop')) throw new LoopDeviceError(`unexpected output of losetup --find --show: "${dev}"`);
  return dev;
}

interface ListOutput {
  loopdevices?: { name: string; 'back-file'?: string | null; autoclear?: boolean; ro?: boolean }[];
}

/** The loop devices whose backing file is `file` (by its device and inode while it exists). */
export async function loopDevicesOf(file: string): Promise<LoopDevice[]> {
  const out = await losetup(['--list', '--json', '--output', 'NAME,BACK-FILE,AUTOCLEAR,RO', '--associated', file]);
  if (!out.trim()) return []; // some versions print nothing at all when no device matches
  let parsed: ListOutput;
  try {
    parsed = JSON.parse(out) as ListOutput;
  } catch (e) {
    throw new LoopDeviceError(`cannot parse losetup --list --json: ${(e as Error).message}`, { cause: e });
  }
  return (parsed.loopdevices ?? []).map((d) => ({ name: d.name, backFile: d['back-file'] ?? '', autoclear: d.autoclear === true, readOnly: d.ro === true }));
}

/**
 * LOOP_CLR_FD. On a device somebody holds open the kernel only sets autoclear: the device stays
 * usable and goes when its last opener closes it. Only an unused device goes at once.
 */
export async function detachLoopDevice(dev: string): Promise<void> {
  await losetup(['--detach', dev]);
}

/** Makes the device take the backing file's current size (after the file grew). */
export async function refreshLoopCapacity(dev: string): Promise<void> {
  await losetup(['--set-capacity', dev]);
}

/** The device's size in bytes, from sysfs (stat() of a device node says 0). */
export async function loopDeviceBytes(dev: string): Promise<number> {
  const sectors = Number((await readFile(`/sys/block/${basename(dev)}/size`, 'utf8')).trim());
  return sectors * 512;
}

export function isLoopDevice(path: string): boolean {
  return /^\/dev\/loop\d+$/.test(path);
}
