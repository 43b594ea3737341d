// At agent start: find the QEMUs that outlived the previous agent (pidfile + a cmdline naming the
// run dir), adopt those whose VMI is still bound here, kill those whose VMI is gone or elsewhere,
// and remove run dirs that belong to no VMI. Runs before any VMI is synced, so a live guest is
// always known before anything could think of starting it again.
import { readdir } from 'node:fs/promises';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { KubeClient } from '../client/client.ts';
import type { EventRecorder } from '../client/events.ts';
import { R } from '../client/resources.ts';
import { removeRunDir } from './cleanup.ts';
import { RunningGuest } from './guest.ts';
import { isOurProcess, killHard, readPidFile } from './process.ts';
import { runDirOf, vmisDir } from './run-dir.ts';

export interface AdoptionResult {
  adopted: { vmi: VirtualMachineInstance; guest: RunningGuest }[];
  killed: number;
}

export async function adoptGuests(opts: {
  client: KubeClient;
  dataDir: string;
  nodeName: string;
  recorder: EventRecorder;
  onChange: (key: string) => void;
}): Promise<AdoptionResult> {
  const out: AdoptionResult = { adopted: [], killed: 0 };
  let uids: string[];
  try {
    uids = await readdir(vmisDir(opts.dataDir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  if (uids.length === 0) return out;
  const all = await opts.client.list<VirtualMachineInstance>(R.vmis);
  const byUid = new Map(all.items.map((v) => [v.metadata.uid, v]));
  for (const uid of uids) {
    const run = runDirOf(opts.dataDir, uid);
    const vmi = byUid.get(uid);
    const mine = vmi?.status?.nodeName === opts.nodeName;
    const pid = await readPidFile(run.pidFile);
    const alive = pid !== undefined && (await isOurProcess(pid, run.dir));
    if (!alive) {
      if (!mine) await removeRunDir(run); // a live VMI's dir is the sync's to judge (Failed, kept log)
      continue;
    }
    const key = `${vmi?.metadata.namespace}/${vmi?.metadata.name}`;
    if (!vmi || !mine) {
      console.error(`node agent: killing QEMU pid ${pid} of ${vmi ? `VMI ${key}, which is not bound to this node` : `VMI uid ${uid}, which no longer exists`}`);
      await killGuest(run, pid!, uid);
      await removeRunDir(run);
      out.killed++;
      continue;
    }
    let guest: RunningGuest;
    try {
      guest = await RunningGuest.attach({ uid, key, run, pid: pid!, onChange: () => opts.onChange(key) });
    } catch (e) {
      // A QEMU we cannot drive is no guest we can vouch for: end it; the sync marks the VMI Failed.
      console.error(`node agent: cannot adopt QEMU pid ${pid} of ${key}: ${(e as Error).message}; killing it`);
      killHard(pid!);
      out.killed++;
      continue;
    }
    await opts.recorder.record(vmi, 'Normal', 'Adopted', `Node agent adopted the running guest (QEMU pid ${pid})`);
    out.adopted.push({ vmi, guest });
  }
  return out;
}

async function killGuest(run: ReturnType<typeof runDirOf>, pid: number, uid: string): Promise<void> {
  try {
    const g = await RunningGuest.attach({ uid, key: uid, run, pid, onChange: () => undefined, connectTimeoutMs: 3000 });
    await g.kill();
  } catch (e) {
    console.error(`node agent: QMP of pid ${pid} unreachable (${(e as Error).message}); SIGKILL`);
    killHard(pid);
  }
}
