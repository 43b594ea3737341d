// The node side of VM snapshots: watches VirtualMachineSnapshotContents, makes the copies its
// request assigns to this node — through QEMU for a running guest (online-backup.ts), by copying
// disk.img for a stopped one (offline-copy.ts) — reports each on the content, and removes them
// when the content is deleted. Copies run in the background, one job per content; an agent that
// restarts finds volumes still reported Running and takes them again from the start.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { backupRequestOf, volumeReportOf, type BackupRequest, type BackupVolume } from '../../controllers/snapshot/protocol.ts';
import type { RunningGuest } from '../guest.ts';
import type { Roots } from '../storage/ownership.ts';
import { ContentReporter } from './content-reporter.ts';
import { copyPath, removeCopies } from './copy-files.ts';
import { copyOffline } from './offline-copy.ts';
import { backupOnline } from './online-backup.ts';

export interface NodeSnapshotsOptions {
  client: KubeClient;
  roots: Roots;
  /** The guest this agent runs for a VMI (`namespace/name`), if any. */
  guestFor(key: string): RunningGuest | undefined;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class NodeSnapshots {
  private contents: Informer<VirtualMachineSnapshotContent>;
  private queue: WorkQueue;
  /** Copy jobs running in this process, by content uid. */
  private running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly opts: NodeSnapshotsOptions) {
    this.contents = new Informer(opts.client, R.vmsnapshotcontents);
    this.queue = new WorkQueue((k) => this.reconcile(k), `node snapshots ${opts.roots.nodeName}`, 2);
    this.contents.on((_t, c) => this.queue.add(objectKey(c)));
  }

  async start(): Promise<void> {
    this.contents.start();
    await this.contents.waitForSync();
    this.queue.start();
  }

  /** Stops watching and aborts running copies; their volumes stay Running and start again next time. */
  async stop(): Promise<void> {
    this.queue.stop();
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([this.contents.stop(), ...[...this.running.values()].map((r) => r.done)]);
  }

  private async reconcile(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const content = await this.opts.client.tryGet<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, ns, name);
    const request = content && backupRequestOf(content.metadata.annotations);
    if (!content || !request) return;
    const mine = request.volumes.filter((v) => v.node === this.opts.roots.nodeName);
    if (mine.length === 0) return;
    const uid = content.metadata.uid!;
    const reporter = new ContentReporter(this.opts.client, ns, name);
    if (content.metadata.deletionTimestamp) return this.remove(content, mine, reporter);
    if (this.running.has(uid)) return;
    const a = content.metadata.annotations;
    const todo = mine.filter((v) => {
      const r = volumeReportOf(a, v.volumeName);
      return !r || r.phase === 'Running';
    });
    if (todo.length > 0) this.startJob(content, request, todo, reporter);
  }

  private startJob(content: VirtualMachineSnapshotContent, request: BackupRequest, volumes: BackupVolume[], reporter: ContentReporter): void {
    const uid = content.metadata.uid!;
    const abort = new AbortController();
    const names = volumes.map((v) => v.volumeName);
    const run = async () => {
      await reporter.volumes(names, 'Running');
      try {
        if (request.online) await this.online(content, request.online, volumes, reporter, abort.signal);
        else await this.offline(uid, volumes, reporter, abort.signal);
      } catch (e) {
        // Stopping the agent is not a failure: the volumes stay Running and the next agent starts again.
        if (abort.signal.aborted) return;
        await reporter.volumes(names, 'Failed', { message: (e as Error).message });
      }
    };
    const done = run()
      .catch((e: unknown) => console.error(`node snapshots: ${objectKey(content)}: cannot report: ${(e as Error).message}`))
      .finally(() => this.running.delete(uid));
    this.running.set(uid, { abort, done });
  }

  private async offline(uid: string, volumes: BackupVolume[], reporter: ContentReporter, signal: AbortSignal): Promise<void> {
    // The VM is stopped and stays so until the snapshot is done: the copy shows this instant.
    const creationTime = now();
    for (const v of volumes) await copyOffline(this.opts.client, this.opts.roots, uid, v, signal);
    await reporter.volumes(volumes.map((v) => v.volumeName), 'Succeeded', { creationTime });
  }

  private async online(content: VirtualMachineSnapshotContent, vm: NonNullable<BackupRequest['online']>, volumes: BackupVolume[], reporter: ContentReporter, signal: AbortSignal): Promise<void> {
    const ns = content.metadata.namespace!;
    const vmi = await this.opts.client.tryGet<VirtualMachineInstance>(R.vmis, ns, vm.vmiName);
    const guest = this.opts.guestFor(`${ns}/${vm.vmiName}`);
    if (!vmi || vmi.metadata.uid !== vm.vmiUid || !guest || guest.uid !== vm.vmiUid) {
      throw new Error(`VirtualMachineInstance ${ns}/${vm.vmiName} no longer runs on node ${this.opts.roots.nodeName}`);
    }
    let creationTime = '';
    const targets = volumes.map((v) => ({ volumeName: v.volumeName, dst: copyPath(this.opts.roots, content.metadata.uid!, v) }));
    await backupOnline(guest, vmi, targets, signal, async (q, at) => {
      creationTime = at;
      await reporter.quiesce(q);
    });
    await reporter.volumes(volumes.map((v) => v.volumeName), 'Succeeded', { creationTime });
  }

  private async remove(content: VirtualMachineSnapshotContent, mine: BackupVolume[], reporter: ContentReporter): Promise<void> {
    const uid = content.metadata.uid!;
    const job = this.running.get(uid);
    if (job) {
      job.abort.abort();
      await job.done;
    }
    const left = mine.filter((v) => volumeReportOf(content.metadata.annotations, v.volumeName)?.phase !== 'Deleted');
    if (left.length === 0) return;
    await removeCopies(this.opts.roots, uid, mine);
    await reporter.volumes(left.map((v) => v.volumeName), 'Deleted');
  }
}
