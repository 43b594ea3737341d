// swtpm, the TPM 2.0 emulator behind a guest's `tpm` device: one daemon per guest on a control
// socket in the run dir. `--terminate` ends it when QEMU (its one client) disconnects, but a QEMU
// that never connected (it failed to start) would leave it running forever, so removing a guest's
// files stops it by its pidfile too.
import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { isOurProcess, killHard, readPidFile } from './process.ts';
import { VmiFailure } from './vmi-failure.ts';

const exec = promisify(execFile);

const socketOf = (runDir: string) => join(runDir, 'swtpm.sock');
const pidFileOf = (runDir: string) => join(runDir, 'swtpm.pid');

/** The live swtpm of a run dir (its command line names the run dir's socket), or undefined. */
export async function swtpmPid(runDir: string): Promise<number | undefined> {
  const pid = await readPidFile(pidFileOf(runDir));
  return pid !== undefined && (await isOurProcess(pid, socketOf(runDir))) ? pid : undefined;
}

/** Starts swtpm for the guest of `runDir` with its state in `stateDir`; returns the control socket. */
export async function startSwtpm(runDir: string, stateDir: string): Promise<string> {
  const socket = socketOf(runDir);
  // A retried start (or one after an agent restart) reuses the swtpm still serving this guest.
  if ((await swtpmPid(runDir)) !== undefined) return socket;
  await rm(socket, { force: true }); // a dead swtpm's socket would refuse QEMU's connection
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  try {
    await exec('swtpm', [
      'socket', '--tpm2', '--daemon', '--terminate',
      '--tpmstate', `dir=${stateDir}`,
      '--ctrl', `type=unixio,path=${socket}`,
      '--pid', `file=${pidFileOf(runDir)}`,
      '--log', `file=${join(runDir, 'swtpm.log')}`,
    ]);
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? (e as Error).message;
    throw new VmiFailure('TPMFailed', `swtpm did not start: ${stderr.trim()}`);
  }
  return socket;
}

/** Ends the run dir's swtpm if one still runs: SIGTERM (it saves its state), SIGKILL after 2 s. */
export async function stopSwtpm(runDir: string): Promise<void> {
  const pid = await swtpmPid(runDir);
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw e;
  }
  for (let i = 0; i < 20; i++) {
    if (!(await isOurProcess(pid, socketOf(runDir)))) return;
    await sleep(100);
  }
  killHard(pid);
}
