// The copy of a running VM's volumes, taken while QEMU runs. One QMP `transaction` starts a
// `blockdev-backup` (sync: full) of every volume at once, so all copies show the same instant
// across disks. A backup job is copy-before-write: once it has started, a guest write to a block
// not copied yet first copies the old block, so the guest keeps running and each copy is exact as
// of the start. The guest is frozen (or not, see quiesce.ts) only around that start — milliseconds
// — not for the whole copy. Pause + cp was the alternative: the pause would last the whole copy
// (seconds per GiB), and it would still race QEMU's own cache.
import { rm } from 'node:fs/promises';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { QuiesceReport } from '../../controllers/snapshot/protocol.ts';
import { QmpClosedError } from '../../qemu/qmp.ts';
import { diskNode } from '../../qemu/layout.ts';
import type { RunningGuest } from '../guest.ts';
import { BlockJobWaiter } from './block-jobs.ts';
import { commitCopy, createSparse, prepareCopy } from './copy-files.ts';
import { quiesce, thaw } from './quiesce.ts';

export interface OnlineVolume {
  volumeName: string;
  /** Where the finished copy goes. */
  dst: string;
}

interface Job extends OnlineVolume {
  node: string;
  jobId: string;
  target: string;
  tmp: string;
}

interface NamedNode {
  'node-name': string;
  image?: { 'virtual-size'?: number };
}

const JOB_PREFIX = 'snapjob';
const TARGET_PREFIX = 'snaptgt';

function jobsFor(vmi: VirtualMachineInstance, volumes: OnlineVolume[]): Omit<Job, 'tmp'>[] {
  const disks = vmi.spec?.domain?.devices?.disks ?? [];
  return volumes.map((v) => {
    const i = disks.findIndex((d) => d.name === v.volumeName);
    if (i < 0) throw new Error(`volume ${v.volumeName} is not a disk of the running VMI ${vmi.metadata.name}`);
    return { ...v, node: diskNode(i), jobId: `${JOB_PREFIX}${i}`, target: `${TARGET_PREFIX}${i}` };
  });
}

/** Block jobs and target nodes an interrupted earlier attempt (or agent) left in this QEMU. */
async function dropLeftovers(guest: RunningGuest): Promise<void> {
  const qmp = guest.qmp;
  const jobs = await qmp.execute<{ device: string }[]>('query-block-jobs');
  const ours = jobs.filter((j) => j.device.startsWith(JOB_PREFIX));
  for (const j of ours) await qmp.execute('block-job-cancel', { device: j.device, force: true });
  for (let t = 0; ours.length > 0 && t < 100; t++) {
    const left = await qmp.execute<{ device: string }[]>('query-block-jobs');
    if (!left.some((j) => j.device.startsWith(JOB_PREFIX))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const nodes = await qmp.execute<NamedNode[]>('query-named-block-nodes', { flat: true });
  for (const n of nodes) if (n['node-name'].startsWith(TARGET_PREFIX)) await qmp.execute('blockdev-del', { 'node-name': n['node-name'] });
}

/** Undoes a failed attempt; a guest that is gone needs nothing undone. */
async function cleanUp(guest: RunningGuest, jobs: Job[]): Promise<void> {
  try {
    await dropLeftovers(guest);
  } catch (e) {
    if (!(e instanceof QmpClosedError)) console.error(`node snapshots: ${guest.key}: cleaning up a failed backup: ${(e as Error).message}`);
  }
  for (const j of jobs) await rm(j.tmp, { force: true });
}

/**
 * Copies the volumes of a running guest; `onStarted` hears how it was quiesced and the instant
 * the copies show, once the jobs run. Resolves once every copy is complete and in place.
 */
export async function backupOnline(
  guest: RunningGuest,
  vmi: VirtualMachineInstance,
  volumes: OnlineVolume[],
  signal: AbortSignal,
  onStarted: (q: QuiesceReport, creationTime: string) => Promise<void>,
): Promise<void> {
  const qmp = guest.qmp;
  const planned = jobsFor(vmi, volumes);
  await dropLeftovers(guest);
  const sizes = await qmp.execute<NamedNode[]>('query-named-block-nodes', { flat: true });
  const jobs: Job[] = [];
  try {
    for (const p of planned) {
      const size = sizes.find((n) => n['node-name'] === p.node)?.image?.['virtual-size'];
      if (!size) throw new Error(`QEMU reports no size for disk ${p.volumeName} (block node ${p.node})`);
      const job: Job = { ...p, tmp: await prepareCopy(p.dst) };
      jobs.push(job);
      await createSparse(job.tmp, size);
      // Zeroes become holes: the copy of a mostly empty disk stays small.
      await qmp.execute('blockdev-add', { driver: 'raw', 'node-name': job.target, discard: 'unmap', 'detect-zeroes': 'unmap', file: { driver: 'file', filename: job.tmp } });
    }
    const waiter = new BlockJobWaiter(qmp, jobs.map((j) => j.jobId), { signal, exited: guest.exited });
    const q = await quiesce(guest);
    let creationTime: string;
    try {
      const actions = jobs.map((j) => ({ type: 'blockdev-backup', data: { device: j.node, target: j.target, sync: 'full', 'job-id': j.jobId } }));
      await qmp.execute('transaction', { actions });
      creationTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    } catch (e) {
      waiter.cancel();
      throw e;
    } finally {
      if (q.frozen) await thaw(guest);
    }
    await onStarted(q.report, creationTime);
    await waiter.done;
    for (const j of jobs) await qmp.execute('blockdev-del', { 'node-name': j.target });
    for (const j of jobs) await commitCopy(j.tmp, j.dst);
  } catch (e) {
    await cleanUp(guest, jobs);
    throw e;
  }
}
