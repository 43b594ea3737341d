// The VM clone controller (KubeVirt's VMCloneController). One pass takes one step and records it in
// the status phase: SnapshotInProgress (a snapshot of the source VM, owned by the clone, until it
// is ready to use), RestoreInProgress (a restore of it into the new VM, with the clone's patches),
// CreatingTargetVM (the VM is there: delete the temporary snapshot and restore), Succeeded. A clone
// of a VirtualMachineSnapshot starts at RestoreInProgress. What cannot work ends in Failed, the
// reason in the conditions. The temporary objects have fixed names, so a restarted controller
// finds what it made before instead of making it twice.
import { isDeepStrictEqual } from 'node:util';
import type { CloneStatus, VirtualMachineClone } from '../../api/clone/index.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import type { VirtualMachineRestore, VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { ApiStatusError, type KubeClient, type ResourceRef } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { failedStatus, isDone, phaseStatus, succeededStatus } from './clone-status.ts';
import { cloneRestore, cloneSnapshot, ownedByClone, restoreNameFor, snapshotNameFor } from './objects.ts';
import { clonePatches } from './patches.ts';

const RETRY_MS = 3000;
const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

/** The clone cannot work: it ends Failed with this message. */
class CloneFailure extends Error {}

/** What one pass decided: wait (look again later) or nothing more to do now. */
type Step = 'wait' | 'done';

export class CloneController {
  private clones: Informer<VirtualMachineClone>;
  private snaps: Informer<VirtualMachineSnapshot>;
  private restores: Informer<VirtualMachineRestore>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.clones = new Informer(client, R.vmclones);
    this.snaps = new Informer(client, R.vmsnapshots);
    this.restores = new Informer(client, R.vmrestores);
    this.queue = new WorkQueue((k) => this.sync(k), 'clone-controller', 2);
    this.events = new EventRecorder(client, 'clone-controller');
    this.clones.on((_t, c) => this.queue.add(objectKey(c)));
    // A snapshot or restore moved: the unfinished clones of its namespace look again.
    const wake = (o: KubeObject) => {
      for (const c of this.clones.list()) if (c.metadata.namespace === o.metadata.namespace && !isDone(c)) this.queue.add(objectKey(c));
    };
    this.snaps.on((_t, s) => wake(s));
    this.restores.on((_t, r) => wake(r));
  }

  private informers() {
    return [this.clones, this.snaps, this.restores];
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
    const c = await this.client.tryGet<VirtualMachineClone>(R.vmclones, ns, name);
    // A deleted clone's snapshot and restore go with it (owner references).
    if (!c || c.metadata.deletionTimestamp || isDone(c)) return;
    try {
      if ((await this.reconcile(c)) === 'wait') this.queue.addAfter(key, RETRY_MS);
    } catch (e) {
      if (e instanceof CloneFailure) return this.fail(c, e.message);
      // A write that lost a race only means: read again.
      if (!isCode(e, 409)) throw e;
      this.queue.add(key);
    }
  }

  private async fail(c: VirtualMachineClone, message: string): Promise<void> {
    await this.events.record(c, 'Warning', 'CloneFailed', message);
    await this.writeStatus(c, failedStatus(c.status ?? {}, message, Date.now()));
  }

  private async writeStatus(c: VirtualMachineClone, status: CloneStatus): Promise<void> {
    if (!isDeepStrictEqual(status, c.status)) await this.client.updateStatus(R.vmclones, { ...c, status });
  }

  private get<T extends KubeObject>(r: ResourceRef, c: VirtualMachineClone, name: string): Promise<T | undefined> {
    return this.client.tryGet<T>(r, c.metadata.namespace, name);
  }

  private async reconcile(c: VirtualMachineClone): Promise<Step> {
    const spec = c.spec!;
    const target = spec.target?.name;
    if (!target) throw new CloneFailure('the clone names no target VirtualMachine');
    const fromSnapshot = spec.source.kind === 'VirtualMachineSnapshot';
    const snapName = fromSnapshot ? spec.source.name : snapshotNameFor(c);
    switch (c.status?.phase) {
      case undefined:
        return this.begin(c, fromSnapshot, snapName, target);
      case 'SnapshotInProgress':
        return this.snapshotStep(c, snapName);
      case 'RestoreInProgress':
        return this.restoreStep(c, snapName, target);
      case 'CreatingTargetVM':
        return this.finish(c, fromSnapshot, snapName, target);
      default:
        return 'done';
    }
  }

  private async requireSourceVm(c: VirtualMachineClone): Promise<void> {
    const name = c.spec!.source.name;
    if (!(await this.get(R.vms, c, name))) throw new CloneFailure(`VirtualMachine ${name} does not exist in namespace ${c.metadata.namespace}`);
  }

  private async refuseExistingTarget(c: VirtualMachineClone, target: string): Promise<void> {
    if (await this.get(R.vms, c, target)) throw new CloneFailure(`target VirtualMachine ${target} already exists in namespace ${c.metadata.namespace}`);
  }

  private async begin(c: VirtualMachineClone, fromSnapshot: boolean, snapName: string, target: string): Promise<Step> {
    if (fromSnapshot && !(await this.get(R.vmsnapshots, c, snapName))) throw new CloneFailure(`VirtualMachineSnapshot ${snapName} does not exist in namespace ${c.metadata.namespace}`);
    if (!fromSnapshot) await this.requireSourceVm(c);
    await this.refuseExistingTarget(c, target);
    await this.writeStatus(c, phaseStatus(c.status ?? {}, fromSnapshot ? 'RestoreInProgress' : 'SnapshotInProgress', { snapshotName: snapName, targetName: target }, Date.now()));
    return 'done';
  }

  /** The snapshot, ready to use; undefined while it is not yet. */
  private async readySnapshot(c: VirtualMachineClone, snapName: string): Promise<VirtualMachineSnapshot | undefined> {
    const snap = await this.get<VirtualMachineSnapshot>(R.vmsnapshots, c, snapName);
    if (!snap) return undefined;
    if (snap.status?.phase === 'Failed') throw new CloneFailure(`snapshot ${snapName} failed: ${snap.status.error?.message ?? 'unknown error'}`);
    return snap.status?.readyToUse === true ? snap : undefined;
  }

  private async snapshotStep(c: VirtualMachineClone, snapName: string): Promise<Step> {
    if (!(await this.get(R.vmsnapshots, c, snapName))) {
      await this.requireSourceVm(c);
      await this.createOnce(R.vmsnapshots, cloneSnapshot(c));
      await this.events.record(c, 'Normal', 'SnapshotCreated', `created snapshot ${snapName} for clone ${c.metadata.name}`);
      return 'wait';
    }
    if (!(await this.readySnapshot(c, snapName))) return 'wait';
    await this.events.record(c, 'Normal', 'SnapshotReady', `snapshot ${snapName} for clone ${c.metadata.name} is ready to use`);
    await this.writeStatus(c, phaseStatus(c.status ?? {}, 'RestoreInProgress', {}, Date.now()));
    return 'done';
  }

  private async restoreStep(c: VirtualMachineClone, snapName: string, target: string): Promise<Step> {
    const restoreName = restoreNameFor(c);
    const restore = await this.get<VirtualMachineRestore>(R.vmrestores, c, restoreName);
    if (!restore) {
      const snap = await this.get<VirtualMachineSnapshot>(R.vmsnapshots, c, snapName);
      if (!snap) throw new CloneFailure(`snapshot ${snapName} does not exist anymore`);
      if (!(await this.readySnapshot(c, snapName))) return 'wait';
      const contentName = snap.status?.virtualMachineSnapshotContentName ?? '';
      const vm = (await this.get<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, c, contentName))?.spec?.source.virtualMachine;
      if (!vm) throw new CloneFailure(`snapshot ${snapName} has no copy of a VirtualMachine`);
      await this.refuseExistingTarget(c, target);
      await this.createOnce(R.vmrestores, cloneRestore(c, snapName, target, clonePatches(vm, c.spec!)));
      await this.events.record(c, 'Normal', 'RestoreCreated', `created restore ${restoreName} for clone ${c.metadata.name}`);
      await this.writeStatus(c, phaseStatus(c.status ?? {}, 'RestoreInProgress', { restoreName }, Date.now()));
      return 'wait';
    }
    const failure = restore.status?.conditions?.find((x) => x.type === 'Failure' && x.status === 'True');
    if (failure) throw new CloneFailure(`restore ${restoreName} failed: ${failure.reason ?? failure.message ?? 'unknown error'}`);
    if (restore.status?.complete !== true) return 'wait';
    await this.events.record(c, 'Normal', 'RestoreReady', `restore ${restoreName} for clone ${c.metadata.name} is complete`);
    await this.writeStatus(c, phaseStatus(c.status ?? {}, 'CreatingTargetVM', { restoreName, targetName: restore.spec!.target.name }, Date.now()));
    return 'done';
  }

  private async finish(c: VirtualMachineClone, fromSnapshot: boolean, snapName: string, target: string): Promise<Step> {
    if (!(await this.get<VirtualMachine>(R.vms, c, target))) throw new CloneFailure(`target VirtualMachine ${target} was not created`);
    // Only what the clone made goes: a snapshot the user named as the source stays.
    const snap = fromSnapshot ? undefined : await this.get<VirtualMachineSnapshot>(R.vmsnapshots, c, snapName);
    if (snap && ownedByClone(snap, c)) await this.deleteIfThere(R.vmsnapshots, c, snapName);
    await this.deleteIfThere(R.vmrestores, c, restoreNameFor(c));
    await this.events.record(c, 'Normal', 'TargetVMCreated', `created target VM ${target} for clone ${c.metadata.name}`);
    await this.writeStatus(c, succeededStatus(c.status ?? {}, Date.now()));
    return 'done';
  }

  /** A create that finds the object already there (an earlier pass made it) is done. */
  private async createOnce(r: ResourceRef, obj: KubeObject): Promise<void> {
    await this.client.create(r, obj.metadata.namespace, obj).catch((e: unknown) => {
      if (!isCode(e, 409)) throw e;
    });
  }

  private async deleteIfThere(r: ResourceRef, c: VirtualMachineClone, name: string): Promise<void> {
    await this.client.delete(r, c.metadata.namespace, name).catch((e: unknown) => {
      if (!isCode(e, 404)) throw e;
    });
  }
}
