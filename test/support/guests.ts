// Test hygiene for real guests: QEMU outlives the node agent by design, so a test run ends the
// QEMUs a data dir still holds, and counts QEMU processes by a string in their command line.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** PIDs of qemu-system processes whose command line contains `needle` (pgrep -f). */
export function qemuPids(needle: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', `qemu-system.*${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`]).toString();
    return out.split('\n').filter(Boolean).map(Number);
  } catch (e) {
    if ((e as { status?: number }).status === 1) return []; // pgrep: nothing matched
    throw e;
  }
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function killLeftoverGuests(dataDir: string): Promise<number> {
  let killed = 0;
  let uids: string[] = [];
  try {
    uids = readdirSync(join(dataDir, 'vmis'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  for (const uid of uids) {
    for (const pid of qemuPids(join(dataDir, 'vmis', uid))) {
      try {
        process.kill(pid, 'SIGKILL');
        killed++;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
  }
  return killed;
}
