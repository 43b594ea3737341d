// The VM snapshot controller (KubeVirt's VMSnapshotController): for each VirtualMachineSnapshot it
// locks the source VM, creates the content with its backup request, mirrors the content into the
// snapshot's status, enforces the failure deadline, unlocks, and deletes the content when the
// snapshot goes (deletionPolicy Delete) or fails. For each content it turns the node agents'
// reports into the content's status, and lifts the files finalizer once every copy is removed.
// It never touches data: the node agents copy (src/node/snapshot/).
import { isDeepStrictEqual } from 'node:util';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { isoNow } from './conditions.ts';
import { claimVolumes, contentNameFor } from './content-build.ts';
import { createContent } from './content-create.ts';
import { computeContentStatus } from './content-status.ts';
import { FILES_FINALIZER, backupRequestOf, volumeReportOf } from './protocol.ts';
import { computeSnapshotStatus, deadlineExceeded, isProgressing, msUntilDeadline, type SourceState } from './snapshot-status.ts';
import { isLocked, lock, lockBlocker, sourceState, unlock } from './source-lock.ts';

export const SNAPSHOT_FINALIZER = 'snapshot.kubevirt.io/vmsnapshot-protection';
const RETRY_MS = 5000;

const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

/** The content goes with its snapshot under deletionPolicy Delete (the default), or when it never became ready. */
const shouldDeleteContent = (snap: VirtualMachineSnapshot, content: VirtualMachineSnapshotContent) => snap.spec?.deletionPolicy !== 'Retain' || content.status?.readyToUse !== true;

export class SnapshotController {
  private snaps: Informer<VirtualMachineSnapshot>;
  private contents: Informer<VirtualMachineSnapshotContent>;
  private vms: Informer<VirtualMachine>;
  private vmis: Informer<VirtualMachineInstance>;
  private pvcs: Informer<PersistentVolumeClaim>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.snaps = new Informer(client, R.vmsnapshots);
    this.contents = new Informer(client, R.vmsnapshotcontents);
    this.vms = new Informer(client, R.vms);
    this.vmis = new Informer(client, R.vmis);
    this.pvcs = new Informer(client, R.pvcs);
    this.queue = new WorkQueue((k) => this.sync(k), 'snapshot-controller', 4);
    this.events = new EventRecorder(client, 'snapshot-controller');
    this.snaps.on((_t, s) => this.queue.add(`snapshot:${objectKey(s)}`));
    this.contents.on((_t, c) => {
      this.queue.add(`content:${objectKey(c)}`);
      if (c.spec?.virtualMachineSnapshotName) this.queue.add(`snapshot:${c.metadata.namespace}/${c.spec.virtualMachineSnapshotName}`);
    });
    // A source changing may unblock its lock or its unlock.
    const bySource = (ns: string | undefined, name: string | undefined) => {
      for (const s of this.snaps.list()) if (s.metadata.namespace === ns && s.spec?.source.name === name) this.queue.add(`snapshot:${objectKey(s)}`);
    };
    this.vms.on((_t, vm) => bySource(vm.metadata.namespace, vm.metadata.name));
    this.vmis.on((_t, vmi) => bySource(vmi.metadata.namespace, vmi.metadata.name));
    this.pvcs.on((_t, pvc) => {
      for (const s of this.snaps.list()) if (s.metadata.namespace === pvc.metadata.namespace && isProgressing(s.status)) this.queue.add(`snapshot:${objectKey(s)}`);
    });
  }

  private informers() {
    return [this.snaps, this.contents, this.vms, this.vmis, this.pvcs];
  }

  async start(): Promise<void> {
    for (const i of this.informers()) i.start();
    await Promise.all(this.informers().map((i) => i.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all(this.informers().map((i) => i.stop()));
  }

  /** A write that lost a race only means: read again. */
  private async sync(key: string): Promise<void> {
    const [kind, rest = ''] = key.split(/:(.*)/s);
    const [ns = '', name = ''] = rest.split('/');
    try {
      if (kind === 'snapshot') await this.reconcileSnapshot(ns, name, key);
      else await this.reconcileContent(ns, name);
    } catch (e) {
      if (!isCode(e, 409)) throw e;
      this.queue.add(key);
    }
  }

  private async reconcileSnapshot(ns: string, name: string, key: string): Promise<void> {
    let snap = await this.client.tryGet<VirtualMachineSnapshot>(R.vmsnapshots, ns, name);
    if (!snap) return;
    const now = Date.now();
    let vm = snap.spec?.source.kind === 'VirtualMachine' ? await this.client.tryGet<VirtualMachine>(R.vms, ns, snap.spec.source.name) : undefined;
    let content = await this.client.tryGet<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, ns, contentNameFor(snap));
    const terminating = !!snap.metadata.deletionTimestamp || deadlineExceeded(snap, now);
    if (!terminating && !snap.metadata.finalizers?.includes(SNAPSHOT_FINALIZER)) {
      snap = await this.setFinalizer(snap, true);
    }
    let source: SourceState | undefined;
    let canRemoveFinalizer = true;
    if (vm) {
      const vmi = await this.client.tryGet<VirtualMachineInstance>(R.vmis, ns, vm.metadata.name!);
      let blocker: string | undefined;
      if (snap.status && isProgressing(snap.status) && !terminating) {
        canRemoveFinalizer = false;
        if (!isLocked(vm, name)) {
          blocker = lockBlocker(vm, vmi, await this.claims(vm), name);
          if (blocker) this.queue.addAfter(key, RETRY_MS);
          else vm = await lock(this.client, vm, name);
        } else if (!content) {
          content = await createContent(this.client, this.events, snap, vm, vmi);
        }
      } else if (!isProgressing(snap.status) || (terminating && (!content || !shouldDeleteContent(snap, content)))) {
        vm = await unlock(this.client, vm, name);
        canRemoveFinalizer = !isLocked(vm, name);
      } else {
        canRemoveFinalizer = !isLocked(vm, name);
      }
      source = sourceState(vm, vmi, name, content, blocker);
    }
    if (terminating && content && shouldDeleteContent(snap, content) && !content.metadata.deletionTimestamp) {
      await this.client.delete(R.vmsnapshotcontents, ns, content.metadata.name!).catch((e: unknown) => {
        if (!isCode(e, 404)) throw e;
      });
    }
    const status = computeSnapshotStatus({ snap, vm, source, content, now });
    if (!isDeepStrictEqual(status, snap.status)) snap = await this.client.updateStatus<VirtualMachineSnapshot>(R.vmsnapshots, { ...snap, status });
    if (snap.metadata.deletionTimestamp && canRemoveFinalizer && snap.metadata.finalizers?.includes(SNAPSHOT_FINALIZER)) {
      await this.setFinalizer(snap, false);
    }
    const left = msUntilDeadline(snap, now);
    if (isProgressing(status) && Number.isFinite(left)) this.queue.addAfter(key, Math.max(0, left) + 250);
  }

  private async claims(vm: VirtualMachine): Promise<{ name: string; pvc: PersistentVolumeClaim | undefined }[]> {
    const ns = vm.metadata.namespace;
    return Promise.all(claimVolumes(vm).map(async (v) => ({ name: v.claimName, pvc: await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, v.claimName) })));
  }

  private async setFinalizer(snap: VirtualMachineSnapshot, on: boolean): Promise<VirtualMachineSnapshot> {
    const rest = (snap.metadata.finalizers ?? []).filter((f) => f !== SNAPSHOT_FINALIZER);
    return this.client.mergePatch<VirtualMachineSnapshot>(R.vmsnapshots, snap.metadata.namespace, snap.metadata.name!, {
      metadata: { resourceVersion: snap.metadata.resourceVersion, finalizers: on ? [...rest, SNAPSHOT_FINALIZER] : rest },
    });
  }

  private async reconcileContent(ns: string, name: string): Promise<void> {
    const content = await this.client.tryGet<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, ns, name);
    if (!content) return;
    const a = content.metadata.annotations;
    if (content.metadata.deletionTimestamp) {
      // The node agents remove the copies and say so; only then may the content go.
      const request = backupRequestOf(a);
      const removed = !request || request.volumes.every((v) => volumeReportOf(a, v.volumeName)?.phase === 'Deleted');
      const finalizers = content.metadata.finalizers ?? [];
      if (removed && finalizers.includes(FILES_FINALIZER)) {
        await this.client.mergePatch(R.vmsnapshotcontents, ns, name, { metadata: { resourceVersion: content.metadata.resourceVersion, finalizers: finalizers.filter((f) => f !== FILES_FINALIZER) } });
      }
      return;
    }
    const status = computeContentStatus(content, isoNow(Date.now()));
    if (!isDeepStrictEqual(status, content.status)) await this.client.updateStatus(R.vmsnapshotcontents, { ...content, status });
  }
}
