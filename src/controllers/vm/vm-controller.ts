// The VM controller (KubeVirt's virt-controller, VM part): keeps one VMI per VirtualMachine in the
// state its run strategy and start/stop requests ask for, and reports the VM's status. Level
// triggered: every pass reads the VM and its VMI afresh, writes the status, then takes one step.
import { isDeepStrictEqual } from 'node:util';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { syncVmDataVolumes, type VolumesState } from '../storage/vm-datavolumes.ts';
import type { SyncError } from './conditions.ts';
import { decide, type Decision } from './decide.ts';
import { EVENT_COMPONENT, Reasons, VM_FINALIZER } from './names.ts';
import { resetCheckInMs } from './start-failure.ts';
import { computeStatus } from './vm-status.ts';
import { buildVmi, controllerRef } from './vmi-from-vm.ts';
import { expandInstancetype } from './instancetype-expand.ts';
import { bumpGenerationIfSameTemplate } from './vmi-generation.ts';

const isCode = (e: unknown, ...codes: number[]) => e instanceof ApiStatusError && codes.includes(e.code);

export class VmController {
  private vms: Informer<VirtualMachine>;
  private vmis: Informer<VirtualMachineInstance>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(
    private readonly client: KubeClient,
    private readonly now: () => number = Date.now,
  ) {
    this.vms = new Informer<VirtualMachine>(client, R.vms);
    this.vmis = new Informer<VirtualMachineInstance>(client, R.vmis);
    this.queue = new WorkQueue((k) => this.sync(k), 'vm-controller', 4);
    this.events = new EventRecorder(client, EVENT_COMPONENT);
    this.vms.on((_t, vm) => this.queue.add(objectKey(vm)));
    // A VMI event requeues the VM that owns it (and the VM of the same name, which may adopt it).
    this.vmis.on((_t, vmi) => {
      this.queue.add(objectKey(vmi));
      const owner = vmi.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'VirtualMachine');
      if (owner && owner.name !== vmi.metadata.name) this.queue.add(`${vmi.metadata.namespace}/${owner.name}`);
    });
  }

  async start(): Promise<void> {
    this.vms.start();
    this.vmis.start();
    await Promise.all([this.vms.waitForSync(), this.vmis.waitForSync()]);
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all([this.vms.stop(), this.vmis.stop()]);
  }

  /**
   * A write that lost a race (409 Conflict) only means the pass read an older object: run it again
   * at once. Other errors go to the work queue, which logs them and retries with back-off.
   */
  private async sync(key: string): Promise<void> {
    try {
      await this.reconcile(key);
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.code === 409 && e.reason === 'Conflict')) throw e;
      this.queue.add(key);
    }
  }

  /** One pass for one VM. */
  private async reconcile(key: string): Promise<void> {
    const [ns, name] = key.split('/');
    // Fresh reads, not the cache: a pass must never act on a VMI it created a moment ago and has
    // not seen yet.
    let vm = await this.client.tryGet<VirtualMachine>(R.vms, ns, name);
    if (!vm) return;
    let vmi = await this.ownedVmi(vm);
    if (vmi === null) return; // a VMI of that name belongs to something else; nothing is safe to do
    if (!vm.metadata.deletionTimestamp && !vm.metadata.finalizers?.includes(VM_FINALIZER)) {
      vm = await this.client.mergePatch<VirtualMachine>(R.vms, ns, name, {
        metadata: { finalizers: [...(vm.metadata.finalizers ?? []), VM_FINALIZER], resourceVersion: vm.metadata.resourceVersion },
      });
    }
    if (vmi) vmi = await bumpGenerationIfSameTemplate(this.client, vm, vmi);

    const now = this.now();
    // DataVolumes from dataVolumeTemplates: created here, and the VMI waits until they succeed.
    const volumes = await syncVmDataVolumes(this.client, vm, this.events);
    let decision = decide(vm, vmi, now);
    if (decision.action === 'create' && volumes !== 'Ready') decision = { action: 'none', why: `waiting for DataVolumes (${volumes})` };
    // A snapshot copying the stopped VM's disks, or a restore replacing them: no guest until done.
    const hold = vm.status?.snapshotInProgress ?? vm.status?.restoreInProgress;
    if (decision.action === 'create' && hold) decision = { action: 'none', why: `waiting for snapshot or restore "${hold}"` };
    if (volumes !== 'Ready') this.queue.addAfter(key, 1000);
    vm = await this.writeStatus(vm, vmi, decision, now, undefined, volumes);
    try {
      await this.act(vm, vmi, decision);
    } catch (e) {
      await this.reportFailure(vm, vmi, decision, e);
      throw e;
    }
    const later = decision.action === 'none' ? decision.requeueAfterMs : undefined;
    const reset = resetCheckInMs(vm, vmi, now);
    const wait = [later, reset].filter((x): x is number => x !== undefined);
    if (wait.length > 0) this.queue.addAfter(key, Math.min(...wait) + 250);
  }

  /**
   * The VMI of the VM's name if the VM controls it, adopting an orphan (as KubeVirt does);
   * undefined when there is none, null when another owner controls it.
   */
  private async ownedVmi(vm: VirtualMachine): Promise<VirtualMachineInstance | undefined | null> {
    const vmi = await this.client.tryGet<VirtualMachineInstance>(R.vmis, vm.metadata.namespace, vm.metadata.name!);
    if (!vmi) return undefined;
    const ctrl = vmi.metadata.ownerReferences?.find((r) => r.controller);
    if (ctrl) return ctrl.uid === vm.metadata.uid ? vmi : null;
    if (vm.metadata.deletionTimestamp || vmi.metadata.deletionTimestamp) return undefined;
    return this.client.mergePatch<VirtualMachineInstance>(R.vmis, vmi.metadata.namespace, vmi.metadata.name!, {
      metadata: { ownerReferences: [...(vmi.metadata.ownerReferences ?? []), controllerRef(vm)], resourceVersion: vmi.metadata.resourceVersion },
    });
  }

  private async writeStatus(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, decision: Decision, now: number, syncError?: SyncError, volumes: VolumesState = 'Ready'): Promise<VirtualMachine> {
    const provisioning = volumes !== 'Ready';
    const status = computeStatus({ vm, vmi, decision, now, provisioning, provisioningStatus: provisioning ? volumes : undefined, syncError });
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(status)), vm.status ?? {})) return vm;
    // The resourceVersion makes a concurrent start/stop request a conflict (and a retry), not a loss.
    return this.client.updateStatus<VirtualMachine>(R.vms, { ...vm, status });
  }

  private async act(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, d: Decision): Promise<void> {
    const ns = vm.metadata.namespace!;
    switch (d.action) {
      case 'none':
        return;
      case 'create': {
        const created = await this.client.create<VirtualMachineInstance>(R.vmis, ns, await expandInstancetype(this.client, vm, buildVmi(vm))).catch((e: unknown) => {
          // Someone created it between our read and now: the VMI's event brings the next pass.
          if (isCode(e, 409) && (e as ApiStatusError).reason === 'AlreadyExists') return undefined;
          throw e;
        });
        if (created) await this.events.record(vm, 'Normal', Reasons.SuccessfulCreate, `Started the virtual machine by creating the new virtual machine instance ${created.metadata.name}`);
        return;
      }
      case 'delete': {
        const uid = vmi!.metadata.uid!;
        try {
          await this.client.delete(R.vmis, ns, vmi!.metadata.name!, { propagationPolicy: 'Background', preconditions: { uid } });
        } catch (e) {
          if (isCode(e, 404)) return; // already gone: what we wanted
          throw e;
        }
        await this.events.record(vm, 'Normal', Reasons.SuccessfulDelete, `Stopped the virtual machine by deleting the virtual machine instance ${uid}`);
        return;
      }
      case 'runAlways': {
        const spec = { ...vm.spec!, ...(vm.spec!.runStrategy !== undefined ? { runStrategy: 'Always' } : { running: true }) };
        await this.client.update(R.vms, { ...vm, spec });
        return;
      }
      case 'removeFinalizer':
        await this.client.mergePatch(R.vms, ns, vm.metadata.name!, {
          metadata: { finalizers: (vm.metadata.finalizers ?? []).filter((f) => f !== VM_FINALIZER), resourceVersion: vm.metadata.resourceVersion },
        }).catch((e: unknown) => {
          if (!isCode(e, 404)) throw e;
        });
        return;
    }
  }

  /** A failed step becomes a Warning event and the VM's Failure condition; the caller rethrows. */
  private async reportFailure(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, d: Decision, e: unknown): Promise<void> {
    if (d.action === 'none' || isCode(e, 409)) return; // a conflict only means: read again
    const msg = (e as Error).message;
    const syncError: SyncError =
      d.action === 'create'
        ? { reason: Reasons.FailedCreate, message: `Error creating virtual machine instance: ${msg}` }
        : d.action === 'delete'
          ? { reason: Reasons.FailedDelete, message: `Error deleting virtual machine instance ${vmi?.metadata.name}: ${msg}` }
          : { reason: Reasons.FailedUpdate, message: `Error updating the virtual machine: ${msg}` };
    await this.events.record(vm, 'Warning', syncError.reason, syncError.message);
    try {
      await this.writeStatus(vm, vmi, d, this.now(), syncError);
    } catch (e2) {
      console.error(`vm-controller: ${objectKey(vm)}: cannot record the failure in status: ${(e2 as Error).message}`);
    }
  }
}
