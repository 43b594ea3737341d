// The source side of one live migration: mirror the node-local disks into the target's NBD
// exports until they are in sync, then migrate RAM and device state over TCP, reporting progress
// into vmi.status.migrationState, honouring abort requests and the completion/progress timeouts.
// On success the source QEMU is left paused ("postmigrate") for VmiSync to end once the target has
// taken the VMI over; on any failure the mirror jobs are dropped and the guest keeps running here.
import type { MigrationState } from '../../api/kubevirt/index.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import type { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';
import { configOf } from '../../controllers/migration/protocol.ts';
import type { RunningGuest } from '../guest.ts';
import { now, updateStatus } from '../status.ts';
import { localDisks, type LocalDisk } from './local-disks.ts';
import { localClaims } from './local-claims.ts';
import { PassStall } from './pass-stall.ts';
import { failAfterSwitch, postCopyCapability, PostCopySwitch } from './postcopy.ts';

const POLL_MS = 50;
/** Between QMP events, how often the loops look anyway (abort requests, progress, timeouts). */
const LOOK_MS = 250;
const REPORT_MS = 1_000;
const GiB = 1024 ** 3;
/**
 * The pause Vireo aims for at switch-over (QEMU's default allows 300 ms): QEMU keeps copying until
 * it expects to finish within it. A guest that dirties memory too fast to get there gets QEMU's
 * default instead, so it still converges (and post-copy, when allowed, decides): as soon as a pass
 * after the first leaves no less dirty memory than the best before it (pass-stall.ts), or after
 * eight passes whatever they left — more passes than that only lengthen the migration.
 */
const TARGET_DOWNTIME_MS = 50;
const FALLBACK_DOWNTIME_MS = 300;
const RELAX_AFTER_PASSES = 8;
/** No bandwidth limit configured: QEMU's own default (128 MiB/s) would slow every migration down. */
const UNLIMITED_BANDWIDTH = 100 * GiB;

interface QueryMigrate {
  status: string;
  'total-time'?: number;
  downtime?: number;
  'error-desc'?: string;
  ram?: { total: number; transferred: number; remaining: number; 'dirty-sync-count'?: number };
}
interface BlockJob {
  device: string;
  len: number;
  offset: number;
  ready: boolean;
  status?: string;
}

export class OutgoingMigration {
  private abortRequested = false;
  private postCopy?: PostCopySwitch;
  readonly done: Promise<void>;

  constructor(
    private readonly client: KubeClient,
    private readonly recorder: EventRecorder,
    private readonly vmi: VirtualMachineInstance,
    private readonly guest: RunningGuest,
  ) {
    this.done = this.run();
  }

  get uid(): string {
    return this.vmi.status?.migrationState?.migrationUid ?? '';
  }

  /** The latest VMI: an abort request reaches the running loop through here. */
  update(vmi: VirtualMachineInstance): void {
    if (vmi.status?.migrationState?.abortRequested) this.abortRequested = true;
  }

  private async run(): Promise<void> {
    const m = this.vmi.status!.migrationState!;
    const uid = m.migrationUid ?? '';
    const qmp = this.guest.qmp;
    let disks: LocalDisk[] = localDisks(this.vmi);
    const wasPaused = this.guest.paused;
    const started = Date.now();
    this.guest.migratingOut = true;
    let aborted = false;
    try {
      // Written while the disks start mirroring: nobody waits for it, only later writes must follow it.
      const startWritten = this.write(uid, (s) => {
        s.startTimestamp ??= now();
      });
      startWritten.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      disks = [...disks, ...(await localClaims(this.client, this.vmi)).filter((c) => c.holder === m.sourceNode)];
      const [host, port] = splitHostPort(m.targetNodeAddress ?? '');
      const nbdPort = Number((m.targetDirectMigrationNodePorts as { nbd?: number } | undefined)?.nbd ?? 0);
      if (disks.length > 0) {
        if (!nbdPort) throw new Error('the target reported no NBD port for the node-local disks');
        await this.mirror(disks, host, nbdPort, configOf(m)?.progressTimeout ?? 150);
      }
      await startWritten;
      const cfg = configOf(m);
      this.postCopy = new PostCopySwitch(qmp, cfg?.allowPostCopy === true);
      await qmp.execute('migrate-set-capabilities', {
        // `events`: QEMU then emits MIGRATION on each status change, which the wait loop wakes on.
        capabilities: [{ capability: 'auto-converge', state: cfg?.allowAutoConverge === true }, { capability: 'events', state: true }, postCopyCapability(this.postCopy.allowed)],
      });
      await qmp.execute('migrate-set-parameters', { 'max-bandwidth': cfg?.bandwidthPerMigration || UNLIMITED_BANDWIDTH, 'downtime-limit': TARGET_DOWNTIME_MS });
      if (this.abortRequested) throw new Aborted();
      await qmp.execute('migrate', { uri: `tcp:${host}:${port}` });
      const result = await this.follow(disks, cfg?.completionTimeoutPerGiB ?? 150, cfg?.progressTimeout ?? 150, started);
      await this.dropMirrors(disks);
      await this.write(uid, (s) => {
        Object.assign(s, progress(result, []), { completed: true, endTimestamp: now(), downtimeMs: result.downtime ?? 0 });
      });
      await this.recorder.record(this.vmi, 'Normal', 'Migrated', `Live migration to ${m.targetNode} completed in ${Date.now() - started} ms (QEMU: ${result['total-time'] ?? '?'} ms, downtime ${result.downtime ?? 0} ms)`);
    } catch (e) {
      if (this.postCopy?.active) return this.failInPostCopy(uid, e as Error);
      aborted = e instanceof Aborted;
      const reason = aborted ? 'Live migration aborted' : `live migration failed: ${(e as Error).message}`;
      await this.yank(disks);
      await qmp.execute('migrate_cancel').catch(() => undefined);
      await this.dropMirrors(disks).catch(() => undefined);
      // QEMU restarts a guest after a failed migration by itself; a cancel late in the switch-over can leave it paused.
      if (!wasPaused && (await this.guest.status().catch(() => '')) !== 'running') await qmp.execute('cont').catch(() => undefined);
      this.guest.migratingOut = false;
      await this.write(uid, (s) => {
        Object.assign(s, { failed: true, failureReason: reason, endTimestamp: now() }, aborted ? { abortStatus: 'Succeeded' } : {});
      });
      await this.recorder.record(this.vmi, aborted ? 'Normal' : 'Warning', aborted ? 'MigrationAborted' : 'MigrationFailed', reason);
    }
  }

  /** Mirrors every node-local disk into the target's export and waits until all are in sync. */
  private async mirror(disks: LocalDisk[], host: string, nbdPort: number, progressTimeoutS: number): Promise<void> {
    const qmp = this.guest.qmp;
    const errors = new Map<string, string>();
    const onDone = (ev: { data?: Record<string, unknown> }) => {
      if (typeof ev.data?.['error'] === 'string') errors.set(String(ev.data['device']), ev.data['error']);
    };
    qmp.on('BLOCK_JOB_COMPLETED', onDone);
    try {
      await this.startMirrors(disks, host, nbdPort);
      await this.waitMirrors(disks, errors, progressTimeoutS);
    } finally {
      qmp.off('BLOCK_JOB_COMPLETED', onDone);
    }
  }

  private async startMirrors(disks: LocalDisk[], host: string, nbdPort: number): Promise<void> {
    const qmp = this.guest.qmp;
    for (const d of disks) {
      await qmp.execute('blockdev-add', { driver: 'nbd', 'node-name': mirrorNode(d), server: { type: 'inet', host, port: String(nbdPort) }, export: d.node });
      // write-blocking: once in sync, every guest write reaches the target before it completes, so
      // the target's copy is exact the moment the source stops.
      await qmp.execute('blockdev-mirror', { 'job-id': mirrorNode(d), device: d.node, target: mirrorNode(d), sync: 'top', 'copy-mode': 'write-blocking' });
    }
  }

  private async waitMirrors(disks: LocalDisk[], errors: Map<string, string>, progressTimeoutS: number): Promise<void> {
    const qmp = this.guest.qmp;
    let lastReport = 0;
    // The disk copy obeys progressTimeout like the RAM copy: a cut network must not hang it forever.
    let best = -1;
    let bestAt = Date.now();
    for (;;) {
      if (this.abortRequested) throw new Aborted();
      // Armed before the query: an event arriving with its answer must not be missed.
      using wake = this.wakeOn(['BLOCK_JOB_READY', 'BLOCK_JOB_COMPLETED'], LOOK_MS);
      const jobs = await qmp.execute<BlockJob[]>('query-block-jobs');
      const ours = disks.map((d) => jobs.find((j) => j.device === mirrorNode(d)));
      const gone = disks.find((_d, i) => !ours[i]);
      if (gone) throw new Error(`mirroring disk "${gone.name}" to the target stopped${errors.has(mirrorNode(gone)) ? `: ${errors.get(mirrorNode(gone))}` : ''}`);
      if (ours.every((j) => j!.ready)) return;
      const done = (ours as BlockJob[]).reduce((a, j) => a + j.offset, 0);
      if (done > best) {
        best = done;
        bestAt = Date.now();
      } else if (Date.now() - bestAt > progressTimeoutS * 1000) {
        throw new Error(`no progress copying the disks for ${progressTimeoutS} s (progressTimeout)`);
      }
      if (Date.now() - lastReport > REPORT_MS) {
        lastReport = Date.now();
        await this.write(this.uid, (s) => Object.assign(s, progress(undefined, ours as BlockJob[])));
      }
      await wake.fired;
    }
  }

  /** Polls query-migrate until it ends; enforces abort and both timeouts. */
  private async follow(disks: LocalDisk[], perGiB: number, progressTimeoutS: number, started: number): Promise<QueryMigrate> {
    const qmp = this.guest.qmp;
    let lastReport = 0;
    let best = Infinity;
    let bestAt = Date.now();
    let relaxed = false;
    const stall = new PassStall();
    for (;;) {
      // QEMU says when the status changes (armed before the query, so a change that comes with
      // its answer is not missed); the timeout keeps progress and abort checks going.
      using wake = this.wakeOn(['MIGRATION'], LOOK_MS);
      const q = await qmp.execute<QueryMigrate>('query-migrate');
      const stalled = stall.observe(q);
      if (!relaxed && q.status === 'active' && (stalled >= 1 || (q.ram?.['dirty-sync-count'] ?? 0) >= RELAX_AFTER_PASSES)) {
        relaxed = true;
        await qmp.execute('migrate-set-parameters', { 'downtime-limit': FALLBACK_DOWNTIME_MS });
      }
      if (q.status === 'completed') return await this.completedStats(q);
      if (q.status === 'failed') throw new Error(q['error-desc'] ?? 'QEMU reported the migration failed');
      if (q.status === 'cancelled') throw new Aborted();
      if (q.status === 'postcopy-paused') throw new Error('the migration stream broke during post-copy');
      // In post-copy there is no way back: aborts and the completion timeout no longer apply.
      if (this.abortRequested && !this.postCopy?.active) throw new Aborted();
      const remaining = q.ram?.remaining ?? Infinity;
      if (remaining < best) {
        best = remaining;
        bestAt = Date.now();
      } else if (Date.now() - bestAt > progressTimeoutS * 1000) {
        throw new Error(`no progress for ${progressTimeoutS} s (progressTimeout)`);
      }
      const total = (q.ram?.total ?? 0) + 0;
      const limitS = perGiB * Math.max(1, Math.ceil(total / GiB));
      if (await this.postCopy?.observe(q, Date.now() - started, limitS * 1000)) await this.enteredPostCopy();
      if (!this.postCopy?.active && Date.now() - started > limitS * 1000) throw new Error(`not done within ${limitS} s (completionTimeoutPerGiB ${perGiB} s)`);
      if (Date.now() - lastReport > REPORT_MS) {
        lastReport = Date.now();
        const jobs = disks.length ? await qmp.execute<BlockJob[]>('query-block-jobs') : [];
        await this.write(this.uid, (s) => Object.assign(s, progress(q, jobs)));
      }
      await wake.fired;
    }
  }

  /**
   * QEMU 7.2 says `completed` a moment before it has worked out the total time and the downtime
   * (0 until then); woken by the MIGRATION event, the first answer can fall in that gap.
   */
  private async completedStats(q: QueryMigrate): Promise<QueryMigrate> {
    for (let i = 0; i < 40 && !q['total-time']; i++) {
      await new Promise((r) => setTimeout(r, 5));
      q = await this.guest.qmp.execute<QueryMigrate>('query-migrate');
    }
    return q;
  }

  /** QEMU switched to post-copy; the target agent starts the guest there once it reads the mode. */
  private async enteredPostCopy(): Promise<void> {
    await this.write(this.uid, (s) => {
      s.mode = 'PostCopy';
    });
    await this.recorder.record(this.vmi, 'Normal', 'MigrationPostCopy', `Pre-copy was not converging: switched to post-copy, the guest runs on ${this.vmi.status?.migrationState?.targetNode} while its memory follows`);
  }

  /** A failure after the switch: the guest's memory is split between the nodes, so it ends (see postcopy.ts). */
  private async failInPostCopy(uid: string, e: Error): Promise<void> {
    const reason = `live migration failed in post-copy, the guest could not be kept: ${e.message}`;
    try {
      await failAfterSwitch(this.client, this.vmi, uid, reason);
      await this.recorder.record(this.vmi, 'Warning', 'MigrationFailed', reason);
    } finally {
      await this.guest.kill();
    }
  }

  /**
   * Drops the migration stream and the NBD connections at once. On a cut network their sockets
   * would otherwise wait for TCP to give up (many minutes), holding the cancel and the guest's
   * mirrored writes; QEMU's `yank` is made for exactly that. Instances that do not exist are fine.
   */
  private async yank(disks: LocalDisk[]): Promise<void> {
    const instances = [{ type: 'migration' }, ...disks.map((d) => ({ type: 'block-node', 'node-name': mirrorNode(d) }))];
    for (const instance of instances) await this.guest.qmp.execute('yank', { instances: [instance] }).catch(() => undefined);
  }

  /** A ready mirror cancelled completes without switching the source over; then the NBD client goes. */
  private async dropMirrors(disks: LocalDisk[]): Promise<void> {
    const qmp = this.guest.qmp;
    for (const d of disks) await qmp.execute('block-job-cancel', { device: mirrorNode(d), force: true }).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (disks.length > 0 && Date.now() < deadline) {
      // On the switch-over's path: woken by the jobs' end, not by a poll interval.
      using wake = this.wakeOn(['BLOCK_JOB_CANCELLED', 'BLOCK_JOB_COMPLETED'], POLL_MS);
      const jobs = await qmp.execute<BlockJob[]>('query-block-jobs');
      if (!jobs.some((j) => disks.some((d) => j.device === mirrorNode(d)))) break;
      await wake.fired;
    }
    for (const d of disks) await qmp.execute('blockdev-del', { 'node-name': mirrorNode(d) }).catch(() => undefined);
  }

  /** `fired` resolves at the next of these QMP events, or after `ms`; disposing it stops listening. */
  private wakeOn(names: string[], ms: number): { fired: Promise<void> } & Disposable {
    const qmp = this.guest.qmp;
    let done = () => undefined as void;
    const fired = new Promise<void>((resolve) => {
      done = () => {
        clearTimeout(timer);
        for (const n of names) qmp.off(n, done);
        resolve();
      };
    });
    const timer = setTimeout(done, ms);
    for (const n of names) qmp.on(n, done);
    return { fired, [Symbol.dispose]: done };
  }

  private async write(uid: string, mutate: (s: MigrationState) => void): Promise<void> {
    await updateStatus<VirtualMachineInstance>(this.client, R.vmis, this.vmi.metadata.namespace, this.vmi.metadata.name ?? '', (v) => {
      const s = v.status?.migrationState;
      if (v.metadata.uid !== this.vmi.metadata.uid || !s || s.migrationUid !== uid) return false;
      if (s.abortRequested) this.abortRequested = true;
      mutate(s);
    });
  }
}

class Aborted extends Error {
  constructor() {
    super('aborted');
  }
}

function mirrorNode(d: LocalDisk): string {
  return `mig-${d.node}`;
}

function splitHostPort(addr: string): [string, number] {
  const i = addr.lastIndexOf(':');
  const host = addr.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(addr.slice(i + 1));
  if (!host || !Number.isInteger(port) || port <= 0) throw new Error(`the target reported no usable address ("${addr}")`);
  return [host, port];
}

function progress(q: QueryMigrate | undefined, jobs: BlockJob[]): Pick<MigrationState, 'dataTotalBytes' | 'dataProcessedBytes' | 'dataRemainingBytes'> {
  const diskTotal = jobs.reduce((a, j) => a + j.len, 0);
  const diskDone = jobs.reduce((a, j) => a + j.offset, 0);
  const ramTotal = q?.ram?.total ?? 0;
  const ramDone = q?.ram?.transferred ?? 0;
  const ramLeft = q?.status === 'completed' ? 0 : (q?.ram?.remaining ?? ramTotal);
  return {
    dataTotalBytes: ramTotal + diskTotal,
    dataProcessedBytes: ramDone + diskDone,
    dataRemainingBytes: ramLeft + (diskTotal - diskDone),
  };
}

