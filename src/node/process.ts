// QEMU processes on this node: spawn detached (own session, stdio to a log file, so it outlives the
// agent), recognise a live one from its pidfile without trusting a recycled pid, and wait for exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const QEMU_BINARY = process.env.VIREO_QEMU ?? 'qemu-system-x86_64';

export interface ProcessExit {
  /** Known only when this agent is QEMU's parent; an adopted process's status is lost with its old parent. */
  code: number | null;
  signal: string | null;
}

/** Starts QEMU in its own session (setsid) with stdout/stderr appended to `logPath`. */
export function spawnDetached(binary: string, argv: string[], logPath: string): ChildProcess {
  const fd = openSync(logPath, 'a');
  try {
    const child = spawn(binary, argv, { detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * True when `pid` runs and its command line contains `marker` (the VMI's run dir), so a pid the
 * kernel recycled for something else is never taken for our guest. A zombie counts as gone: an
 * adopted QEMU's new parent may be slow (or never) to reap it.
 */
export async function isOurProcess(pid: number, marker: string): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(marker);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/** Resolves when the process is gone: from the child's exit when we are the parent, else by polling /proc. */
export function watchExit(pid: number, marker: string, child?: ChildProcess, signal?: AbortSignal): Promise<ProcessExit> {
  if (child) {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }
  return (async () => {
    while (await isOurProcess(pid, marker)) {
      // Once the agent lets go of the guest, nobody waits for this exit any more.
      if (signal?.aborted) return new Promise<never>(() => undefined);
      await sleep(200);
    }
    return { code: null, signal: null };
  })();
}

/** SIGKILL, tolerating a process that is already gone. */
export function killHard(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** The last `lines` lines of a log file, on one line each, for a condition message. */
export async function tailFile(path: string, lines = 5): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}
