// The VM restore controller (KubeVirt's VMRestoreController). One pass takes one step and says so
// in the conditions: hold the target (status.restoreInProgress) once its guest is off, create the
// restored claims and wait until the node agents have filled them from the snapshot's copies,
// write the target VM (its DataVolumes first), and finish. Failures that may pass (snapshot not
// ready yet) are reported and retried; a restore that cannot work is Failed (Failure condition).
import { isDeepStrictEqual } from 'node:util';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { RestoreStatus, VirtualMachineRestore, VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { ApiStatusError, resourcePath, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { POPULATE_MESSAGE_ANNOTATION, POPULATE_PHASE_ANNOTATION } from '../storage/protocol.ts';
import { backupRequestOf } from './protocol.ts';
import { obsoleteDataVolumes, plannedRestores, restoreClaim, restoredBy, restoredVm } from './restore-plan.ts';
import { EXISTING_TARGET, STOP_TARGET, VMI_EXISTS_EVENT, completeStatus, errorStatus, initialStatus, isComplete, isFailed, notReadyAction, progressStatus } from './restore-status.ts';
import { claimOwnership, deleteDataVolumes, reconcileDataVolumes, writeTarget } from './restore-target.ts';

export const RESTORE_FINALIZER = 'snapshot.kubevirt.io/vmrestore-protection';
const RETRY_MS = 3000;
/** KubeVirt's VM actions (start, stop, …), as virtctl calls them. */
const VM_SUBRESOURCES = { group: 'subresources.kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true };

const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

/** A step that cannot go on: `fail` ends the restore, otherwise it is tried again. */
class RestoreProblem extends Error {
  constructor(message: string, readonly fail = false) {
    super(message);
  }
}

interface Source {
  content: VirtualMachineSnapshotContent;
  snapVm: NonNullable<NonNullable<VirtualMachineSnapshotContent['spec']>['source']['virtualMachine']>;
  sourceUid: string | undefined;
}

export class RestoreController {
  private restores: Informer<VirtualMachineRestore>;
  private vmis: Informer<VirtualMachineInstance>;
  private pvcs: Informer<PersistentVolumeClaim>;
  private snaps: Informer<VirtualMachineSnapshot>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.restores = new Informer(client, R.vmrestores);
    this.vmis = new Informer(client, R.vmis);
    this.pvcs = new Informer(client, R.pvcs);
    this.snaps = new Informer(client, R.vmsnapshots);
    this.queue = new WorkQueue((k) => this.sync(k), 'restore-controller', 2);
    this.events = new EventRecorder(client, 'restore-controller');
    this.restores.on((_t, r) => this.queue.add(objectKey(r)));
    const unfinished = (ns: string | undefined) => {
      for (const r of this.restores.list()) if (r.metadata.namespace === ns && !isComplete(r) && !isFailed(r)) this.queue.add(objectKey(r));
    };
    this.vmis.on((_t, vmi) => unfinished(vmi.metadata.namespace));
    this.pvcs.on((_t, pvc) => unfinished(pvc.metadata.namespace));
    this.snaps.on((_t, s) => unfinished(s.metadata.namespace));
  }

  private informers() {
    return [this.restores, this.vmis, this.pvcs, this.snaps];
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

  private async sync(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const r = await this.client.tryGet<VirtualMachineRestore>(R.vmrestores, ns, name);
    if (!r) return;
    try {
      try {
        await this.reconcile(r, key);
      } catch (e) {
        if (!(e instanceof RestoreProblem)) throw e;
        await this.report(r, e.message, e.fail);
        if (!e.fail) this.queue.addAfter(key, RETRY_MS);
      }
    } catch (e) {
      // A write that lost a race only means: read again.
      if (!isCode(e, 409)) throw e;
      this.queue.add(key);
    }
  }

  /** KubeVirt's doUpdateError: the message in both conditions and an event. */
  private async report(r: VirtualMachineRestore, message: string, fail: boolean): Promise<void> {
    await this.events.record(r, 'Warning', fail ? 'Operation failed' : 'VirtualMachineRestoreError', `VirtualMachineRestore ${fail ? 'failed' : 'encountered error'} ${message}`);
    await this.writeStatus(r, errorStatus(r.status ?? {}, message, fail, Date.now()));
  }

  private async writeStatus(r: VirtualMachineRestore, status: RestoreStatus): Promise<VirtualMachineRestore> {
    if (isDeepStrictEqual(status, r.status)) return r;
    return this.client.updateStatus<VirtualMachineRestore>(R.vmrestores, { ...r, status });
  }

  private async reconcile(restore: VirtualMachineRestore, key: string): Promise<void> {
    let r = restore;
    const ns = r.metadata.namespace!;
    const now = Date.now();
    if (!r.status) return void (await this.writeStatus(r, initialStatus(now)));
    const targetName = r.spec!.target.name;
    let vm = await this.client.tryGet<VirtualMachine>(R.vms, ns, targetName);
    if (r.metadata.deletionTimestamp) return this.finalize(r, vm);
    if (isComplete(r) || isFailed(r)) return;
    r = await this.hold(r, vm);
    const vmi = await this.client.tryGet<VirtualMachineInstance>(R.vmis, ns, targetName);
    if (vm && vmi) return this.targetNotReady(r, vm, key, now);
    const src = await this.source(r);
    if (vm && !restoredBy(r, vm) && src.sourceUid !== vm.metadata.uid) throw new RestoreProblem(EXISTING_TARGET);
    if (vm) vm = await this.markInProgress(r, vm);

    const restores = plannedRestores(r, src.content);
    const status: RestoreStatus = r.status ?? {};
    if (!isDeepStrictEqual(restores, status.restores ?? [])) return void (await this.writeStatus(r, { ...status, restores }));
    if (await this.reconcileClaims(r, src.content, restores)) {
      this.queue.addAfter(key, RETRY_MS);
      return void (await this.writeStatus(r, progressStatus(status, 'Creating new PVCs', 'Waiting for new PVCs', now)));
    }
    if (!vm || !restoredBy(r, vm)) {
      const restored = restoredVm(r, src.snapVm, vm, restores);
      if (await reconcileDataVolumes(this.client, r, restored, vm, restores)) {
        this.queue.addAfter(key, RETRY_MS);
        return void (await this.writeStatus(r, progressStatus(status, 'Updating target spec', 'Waiting for target update', now)));
      }
      const deletedDataVolumes = obsoleteDataVolumes(vm, restored);
      r = await this.writeStatus(r, { ...status, ...(deletedDataVolumes.length ? { deletedDataVolumes } : {}) });
      await writeTarget(this.client, restored, vm);
      return void (await this.writeStatus(r, progressStatus(r.status ?? {}, 'Updating target spec', 'Waiting for target update', now)));
    }
    await claimOwnership(this.client, r, vm, restores);
    await deleteDataVolumes(this.client, ns, status.deletedDataVolumes ?? []);
    await this.clearInProgress(r, vm);
    await this.events.record(r, 'Normal', 'VirtualMachineRestoreComplete', `Successfully completed VirtualMachineRestore ${r.metadata.name}`);
    await this.writeStatus(r, completeStatus(status, now));
  }

  /** The target owns the restore (when it exists) and a finalizer lets the restore release the target. */
  private async hold(r: VirtualMachineRestore, vm: VirtualMachine | undefined): Promise<VirtualMachineRestore> {
    const finalizers = r.metadata.finalizers ?? [];
    const owned = !vm || (r.metadata.ownerReferences?.length ?? 0) > 0;
    if (finalizers.includes(RESTORE_FINALIZER) && owned) return r;
    return this.client.mergePatch<VirtualMachineRestore>(R.vmrestores, r.metadata.namespace, r.metadata.name!, {
      metadata: {
        resourceVersion: r.metadata.resourceVersion,
        finalizers: finalizers.includes(RESTORE_FINALIZER) ? finalizers : [...finalizers, RESTORE_FINALIZER],
        ...(owned ? {} : { ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: vm!.metadata.name!, uid: vm!.metadata.uid!, controller: true, blockOwnerDeletion: true }] }),
      },
    });
  }

  /** The target still runs: wait, fail or stop it, as its targetReadinessPolicy says. */
  private async targetNotReady(r: VirtualMachineRestore, vm: VirtualMachine, key: string, now: number): Promise<void> {
    const action = notReadyAction(r, now);
    if (action.kind === 'fail') throw new RestoreProblem(action.reason, true);
    this.queue.addAfter(key, RETRY_MS);
    if (action.kind === 'stop') {
      await this.events.record(r, 'Warning', 'RestoreTargetNotReady', STOP_TARGET);
      await this.client.request('PUT', resourcePath(VM_SUBRESOURCES, vm.metadata.namespace, vm.metadata.name, 'stop'), { body: {} });
      return void (await this.writeStatus(r, errorStatus(r.status!, STOP_TARGET, false, now)));
    }
    await this.events.record(r, 'Warning', 'RestoreTargetNotReady', VMI_EXISTS_EVENT);
    await this.writeStatus(r, errorStatus(r.status!, action.reason, false, now));
  }

  private async source(r: VirtualMachineRestore): Promise<Source> {
    const ns = r.metadata.namespace!;
    const snapKey = `${ns}/${r.spec!.virtualMachineSnapshotName}`;
    const snap = await this.client.tryGet<VirtualMachineSnapshot>(R.vmsnapshots, ns, r.spec!.virtualMachineSnapshotName);
    if (!snap) throw new RestoreProblem(`VMSnapshot ${snapKey} does not exist`);
    if (snap.status?.phase === 'Failed') throw new RestoreProblem(`VMSnapshot ${snapKey} failed and is invalid to use`, true);
    if (snap.status?.readyToUse !== true) throw new RestoreProblem(`VMSnapshot ${snapKey} not ready`);
    const contentName = snap.status.virtualMachineSnapshotContentName;
    if (!contentName) throw new RestoreProblem(`no snapshot content name in ${snapKey}`);
    const content = await this.client.tryGet<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, ns, contentName);
    if (!content) throw new RestoreProblem(`VMSnapshotContent ${ns}/${contentName} does not exist`);
    if (content.status?.readyToUse !== true || content.metadata.deletionTimestamp) throw new RestoreProblem(`VMSnapshotContent ${ns}/${contentName} not ready`);
    const snapVm = content.spec?.source.virtualMachine;
    if (!snapVm) throw new RestoreProblem('unexpected snapshot source', true);
    return { content, snapVm, sourceUid: snap.status.sourceUID };
  }

  private async markInProgress(r: VirtualMachineRestore, vm: VirtualMachine): Promise<VirtualMachine> {
    if (restoredBy(r, vm)) return vm;
    const other = vm.status?.restoreInProgress;
    if (other === r.metadata.name) return vm;
    if (other) throw new RestoreProblem(`vm restore ${other} in progress`);
    return this.client.mergePatch<VirtualMachine>(R.vms, vm.metadata.namespace, vm.metadata.name!, { metadata: { resourceVersion: vm.metadata.resourceVersion }, status: { restoreInProgress: r.metadata.name } }, 'status');
  }

  private async clearInProgress(r: VirtualMachineRestore, vm: VirtualMachine): Promise<void> {
    if (vm.status?.restoreInProgress !== r.metadata.name) return;
    await this.client.mergePatch(R.vms, vm.metadata.namespace, vm.metadata.name!, { status: { restoreInProgress: null } }, 'status');
  }

  /** Creates missing claims; true while one is not filled yet. A fill that failed fails the restore. */
  private async reconcileClaims(r: VirtualMachineRestore, content: VirtualMachineSnapshotContent, restores: NonNullable<RestoreStatus['restores']>): Promise<boolean> {
    const ns = r.metadata.namespace;
    const request = backupRequestOf(content.metadata.annotations);
    const source = content.spec?.source.virtualMachine?.metadata ?? {};
    let waiting = false;
    for (const vr of restores) {
      const pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, vr.persistentVolumeClaim);
      if (!pvc) {
        const backup = content.spec?.volumeBackups?.find((b) => b.volumeName === vr.volumeName);
        const where = request?.volumes.find((v) => v.volumeName === vr.volumeName);
        if (!backup || !where) throw new RestoreProblem(`the snapshot content ${content.metadata.name} has no copy of volume ${vr.volumeName}`, true);
        await this.client.create(R.pvcs, ns, restoreClaim(r, backup, vr, where, content.metadata.uid!, source));
        waiting = true;
        continue;
      }
      const a = pvc.metadata.annotations ?? {};
      if (a[POPULATE_PHASE_ANNOTATION] === 'Failed') throw new RestoreProblem(`restoring volume ${vr.volumeName} into PVC ${pvc.metadata.name} failed: ${a[POPULATE_MESSAGE_ANNOTATION] ?? 'unknown error'}`, true);
      if (pvc.status?.phase !== 'Bound' || a[POPULATE_PHASE_ANNOTATION] !== 'Succeeded') waiting = true;
    }
    return waiting;
  }

  private async finalize(r: VirtualMachineRestore, vm: VirtualMachine | undefined): Promise<void> {
    if (vm) await this.clearInProgress(r, vm);
    const finalizers = r.metadata.finalizers ?? [];
    if (!finalizers.includes(RESTORE_FINALIZER)) return;
    await this.client.mergePatch(R.vmrestores, r.metadata.namespace, r.metadata.name!, { metadata: { resourceVersion: r.metadata.resourceVersion, finalizers: finalizers.filter((f) => f !== RESTORE_FINALIZER) } });
  }
}
