// Test helpers shared by the QEMU tests: temp dirs and a supervised qemu-system-x86_64 child.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vireo-qemu-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface QemuChild {
  proc: ChildProcess;
  /** Resolves with the exit code (or signal name) once QEMU is gone. */
  exited: Promise<number | string>;
  stderr: () => string;
  kill: () => Promise<void>;
}

export function spawnQemu(args: string[]): QemuChild {
  const proc = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (c: string) => (err += c));
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
    proc.once('error', (e) => {
      err += String(e);
      resolve(-1);
    });
  });
  return {
    proc,
    exited,
    stderr: () => err,
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
