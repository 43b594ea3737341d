// One level-triggered pass over one VMI bound to this node (the WorkQueue runs one pass per VMI at a
// time, several VMIs in parallel): start its guest, keep its status in step with QEMU, turn an exit
// into Succeeded or Failed, and on deletion stop the guest gracefully, clean up and release the
// finalizer. Every failure ends in a Failed phase with a reason, a condition and an event.
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { ApiStatusError, type KubeClient } from '../client/client.ts';
import type { EventRecorder } from '../client/events.ts';
import { R } from '../client/resources.ts';
import { removeGuestFiles, removeRunDir } from './cleanup.ts';
import { releasePersistentState } from './persistent-state.ts';
import type { GuestExit, RunningGuest } from './guest.ts';
import { launchGuest, type LaunchContext } from './launch.ts';
import { PORT_FORWARDS_ANNOTATION, planNetwork, type InterfaceStatus } from './network.ts';
import { ensureLauncherPod, deleteLauncherPods, findLauncherPods, setLauncherPodPhase } from './pod.ts';
import { tailFile } from './process.ts';
import { runDirOf } from './run-dir.ts';
import { getCondition, setCondition, updateStatus } from './status.ts';
import { VmiFailure } from './vmi-failure.ts';
import { applyGuestState, markFinal, markRunning } from './vmi-status.ts';
import { hasEnded } from '../controllers/migration/protocol.ts';
import { claimsNotMigratable } from './migration/migratable.ts';
import { OutgoingMigration } from './migration/outgoing.ts';
import { removeMovedClaims } from './migration/local-claims.ts';
import { readVolumeStatus } from './volume-status.ts';
import { join } from 'node:path';

export const VMI_FINALIZER = 'kubevirt.io/foregroundDeleteVirtualMachine';
export const GRACE_ANNOTATION = 'vireo.io/grace-period-seconds';

export interface SyncDeps {
  client: KubeClient;
  nodeName: string;
  address: string;
  recorder: EventRecorder;
  launch: LaunchContext;
  enqueue: (key: string) => void;
}

interface Tracked {
  guest: RunningGuest;
  podUid?: string;
  interfaces?: InterfaceStatus[];
  exit?: GuestExit;
  /** Status reflects this guest (Running written, pod Running). */
  published: boolean;
}

export class VmiSync {
  private readonly byUid = new Map<string, Tracked>();
  /** Last uid seen per key, so a VMI that vanished can still have its run dir removed. */
  private readonly uids = new Map<string, string>();
  /** Outgoing live migrations by VMI uid (at most one per guest). */
  private readonly outgoing = new Map<string, OutgoingMigration>();

  constructor(private readonly d: SyncDeps) {}

  /** A guest found alive at agent start (adoption), or resumed here by an incoming migration. */
  adopt(vmi: VirtualMachineInstance, guest: RunningGuest, extra: { podUid?: string; interfaces?: InterfaceStatus[] } = {}): void {
    this.track(vmi, guest, extra);
  }

  guestFor(key: string): RunningGuest | undefined {
    const uid = this.uids.get(key);
    const t = uid ? this.byUid.get(uid) : undefined;
    return t && !t.exit ? t.guest : undefined;
  }

  liveGuests(): RunningGuest[] {
    return [...this.byUid.values()].filter((t) => !t.exit).map((t) => t.guest);
  }

  async reconcile(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    const vmi = await this.d.client.tryGet<VirtualMachineInstance>(R.vmis, ns, name);
    const prevUid = this.uids.get(key);
    if (prevUid && prevUid !== vmi?.metadata.uid) await this.orphaned(key, prevUid);
    if (vmi && vmi.status?.nodeName !== this.d.nodeName) return this.migratedAway(key, vmi);
    if (!vmi) return;
    const uid = vmi.metadata.uid ?? '';
    this.uids.set(key, uid);
    const t = this.byUid.get(uid);

    if (vmi.metadata.deletionTimestamp) return this.terminate(vmi, t);
    const phase = vmi.status?.phase;
    if (t?.exit) return this.finish(vmi, t);
    if (phase === 'Succeeded' || phase === 'Failed') {
      if (t) await t.guest.kill(); // a final VMI never has a live guest
      return;
    }
    if (t?.guest.bootFailure && !t.guest.migratingOut) {
      // The guest would retry forever: stop it and let the run strategy decide (back-off, restart).
      await t.guest.kill();
      return this.fail(vmi, 'BootFailed', t.guest.bootFailure);
    }
    if (t) {
      this.followMigration(vmi, t);
      return this.syncRunning(vmi, t);
    }
    if (phase === 'Running') {
      return this.fail(vmi, 'GuestNotRunning', `the QEMU process of this VMI is not running on node ${this.d.nodeName} (it ended while the node agent was down)`);
    }
    return this.start(vmi);
  }

  /** Starts the outgoing migration once the target is ready, and passes abort requests on. */
  private followMigration(vmi: VirtualMachineInstance, t: Tracked): void {
    const m = vmi.status?.migrationState;
    const uid = vmi.metadata.uid ?? '';
    const running = this.outgoing.get(uid);
    if (running) {
      if (m?.migrationUid === running.uid) running.update(vmi);
      return;
    }
    if (!m?.migrationUid || m.sourceNode !== this.d.nodeName || hasEnded(m) || !m.targetNodeAddress || m.startTimestamp) return;
    const mig = new OutgoingMigration(this.d.client, this.d.recorder, vmi, t.guest);
    this.outgoing.set(uid, mig);
    void mig.done.finally(() => {
      if (this.outgoing.get(uid) === mig) this.outgoing.delete(uid);
      this.d.enqueue(`${vmi.metadata.namespace}/${vmi.metadata.name}`);
    });
  }

  /**
   * The VMI names another node. After a completed migration to that node our copy is the paused
   * source: end it and its files. Any other live copy here must not run either.
   */
  private async migratedAway(key: string, vmi: VirtualMachineInstance): Promise<void> {
    const uid = vmi.metadata.uid ?? '';
    const t = this.byUid.get(uid);
    if (!t) return;
    if (this.outgoing.has(uid)) return; // still finishing; its end enqueues this VMI again
    const m = vmi.status?.migrationState;
    // An incoming migration handed this guest over and is about to write that the VMI runs here.
    if (m?.targetNode === this.d.nodeName && m.completed && !m.failed) return;
    const migrated = m?.completed === true && m.sourceNode === this.d.nodeName && m.targetNode === vmi.status?.nodeName;
    if (!t.exit) await t.guest.kill();
    this.byUid.delete(uid);
    if (this.uids.get(key) === uid) this.uids.delete(key);
    await removeRunDir(runDirOf(this.d.launch.dataDir, uid));
    if (migrated) await removeMovedClaims(this.d.client, vmi, this.d.nodeName, join(this.d.launch.dataDir, 'volumes'));
    if (migrated) await this.d.recorder.record(vmi, 'Normal', 'SourceStopped', `The migration source on ${this.d.nodeName} was stopped; the guest runs on ${vmi.status?.nodeName}`);
    else console.error(`node agent: ${key} is bound to ${vmi.status?.nodeName ?? 'no node'}; stopped the copy on ${this.d.nodeName}`);
  }

  /** The VMI of `uid` is gone (or replaced under the same name): no guest may outlive it. */
  private async orphaned(key: string, uid: string): Promise<void> {
    const t = this.byUid.get(uid);
    if (t && !t.exit) await t.guest.kill();
    this.byUid.delete(uid);
    await removeRunDir(runDirOf(this.d.launch.dataDir, uid));
    if (this.uids.get(key) === uid) this.uids.delete(key);
  }

  private track(vmi: VirtualMachineInstance, guest: RunningGuest, extra: Partial<Tracked> = {}): Tracked {
    const key = `${vmi.metadata.namespace}/${vmi.metadata.name}`;
    const t: Tracked = { guest, published: false, ...extra };
    this.byUid.set(guest.uid, t);
    this.uids.set(key, guest.uid);
    void guest.exited.then((exit) => {
      t.exit = exit;
      this.d.enqueue(key);
    });
    return t;
  }

  private async start(vmi: VirtualMachineInstance): Promise<void> {
    const key = `${vmi.metadata.namespace}/${vmi.metadata.name}`;
    try {
      if (!vmi.metadata.finalizers?.includes(VMI_FINALIZER)) {
        vmi = await this.d.client.mergePatch<VirtualMachineInstance>(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', {
          metadata: { resourceVersion: vmi.metadata.resourceVersion, finalizers: [...(vmi.metadata.finalizers ?? []), VMI_FINALIZER] },
        });
      }
      const plan = await planNetwork(vmi, this.d.address, this.d);
      const forwards = JSON.stringify(plan.forwards);
      if (Object.keys(plan.forwards).length > 0 && vmi.metadata.annotations?.[PORT_FORWARDS_ANNOTATION] !== forwards) {
        vmi = await this.d.client.mergePatch<VirtualMachineInstance>(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', {
          metadata: { annotations: { [PORT_FORWARDS_ANNOTATION]: forwards } },
        });
      }
      const { pod, created } = await ensureLauncherPod(this.d.client, vmi, this.d.nodeName);
      if (created) await this.d.recorder.record(vmi, 'Normal', 'SuccessfulCreate', `Created virtual machine pod ${pod.metadata.name}`);
      const guest = await launchGuest(this.d.launch, vmi, plan, () => this.d.enqueue(key));
      const t = this.track(vmi, guest, { podUid: pod.metadata.uid, interfaces: plan.interfaces });
      await this.syncRunning(vmi, t);
    } catch (e) {
      if (e instanceof VmiFailure) return this.fail(vmi, e.reason, e.message);
      if (e instanceof ApiStatusError || isConnectionError(e)) throw e; // the API: retried with back-off
      return this.fail(vmi, 'LaunchFailed', (e as Error).message);
    }
  }

  /** Writes what the running guest looks like; the first time also its Running phase and pod. */
  private async syncRunning(vmi: VirtualMachineInstance, t: Tracked): Promise<void> {
    const { guest } = t;
    if (guest.migratingOut) return; // the outgoing migration writes the status meanwhile
    if (!t.published) {
      // An adopted guest may have been caught between spawn and `cont`.
      if ((await guest.status()) === 'prelaunch') await guest.qmp.execute('cont');
      if (!t.podUid) t.podUid = (await ensureLauncherPod(this.d.client, vmi, this.d.nodeName)).pod.metadata.uid;
      if (!t.interfaces) t.interfaces = vmi.status?.interfaces?.length ? (vmi.status.interfaces as InterfaceStatus[]) : (await planNetwork(vmi, this.d.address, this.d)).interfaces;
    }
    const claimVerdict = vmi.status?.phase !== 'Running' ? await claimsNotMigratable(this.d.client, vmi) : undefined;
    const volumeStatus = !t.published ? await readVolumeStatus(vmi, guest) : undefined;
    const wasPaused = getCondition(vmi.status?.conditions, 'Paused')?.status === 'True';
    let startedNow = false;
    const written = await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      if (v.metadata.uid !== guest.uid || v.metadata.deletionTimestamp) return false;
      if (v.status?.phase !== 'Running') {
        markRunning(v, this.d.nodeName, t.podUid ?? '', t.interfaces ?? []);
        if (claimVerdict) v.status!.conditions = setCondition(v.status!.conditions, { type: 'LiveMigratable', status: 'False', ...claimVerdict });
        startedNow = true;
      }
      if (volumeStatus) v.status!.volumeStatus = volumeStatus;
      applyGuestState(v, guest);
    });
    if (!written) return;
    if (!t.published) {
      const pods = await findLauncherPods(this.d.client, vmi);
      for (const pod of pods.filter((p) => p.metadata.uid === t.podUid)) await setLauncherPodPhase(this.d.client, pod, 'Running', this.d.address);
      t.published = true;
    }
    if (startedNow) await this.d.recorder.record(vmi, 'Normal', 'Started', `VirtualMachineInstance started (QEMU pid ${guest.pid})`);
    if (guest.paused !== wasPaused) {
      await this.d.recorder.record(vmi, 'Normal', guest.paused ? 'Paused' : 'Resumed', guest.paused ? 'VirtualMachineInstance paused' : 'VirtualMachineInstance unpaused');
    }
  }

  /** QEMU exited by itself: Succeeded after a guest shutdown, Failed otherwise. */
  private async finish(vmi: VirtualMachineInstance, t: Tracked): Promise<void> {
    const exit = t.exit!;
    const shutdown = exit.shutdown?.data as { guest?: boolean; reason?: string } | undefined;
    const clean = shutdown?.guest === true && (exit.code === 0 || exit.code === null) && exit.signal === null;
    if (clean) {
      await this.final(vmi, 'Succeeded', 'GuestShutdown', 'the guest shut down', 'Normal', 'Stopped');
    } else {
      const how = exit.signal ? `killed by ${exit.signal}` : exit.code !== null ? `exited with code ${exit.code}` : 'exited';
      const why = shutdown?.reason ? ` after ${shutdown.reason}` : '';
      const tail = (await tailFile(t.guest.run.qemuLog, 4)).replace(/\s*\n\s*/g, ' | ');
      await this.final(vmi, 'Failed', 'QemuExited', `QEMU ${how}${why}${tail ? `: ${tail}` : ''}`, 'Warning', 'Failed');
    }
    this.byUid.delete(t.guest.uid);
  }

  private fail(vmi: VirtualMachineInstance, reason: string, message: string): Promise<void> {
    return this.final(vmi, 'Failed', reason, message, 'Warning', reason);
  }

  private async final(
    vmi: VirtualMachineInstance,
    phase: 'Succeeded' | 'Failed',
    reason: string,
    message: string,
    type: 'Normal' | 'Warning',
    eventReason: string,
  ): Promise<void> {
    const written = await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      if (v.metadata.uid !== vmi.metadata.uid || v.status?.phase === phase) return false;
      markFinal(v, phase, reason, message);
    });
    if (written) await this.d.recorder.record(vmi, type, eventReason, message);
    for (const pod of await findLauncherPods(this.d.client, vmi)) {
      await setLauncherPodPhase(this.d.client, pod, phase, this.d.address, phase === 'Failed' ? message : undefined);
    }
    await removeGuestFiles(runDirOf(this.d.launch.dataDir, vmi.metadata.uid ?? ''));
  }

  /** Deletion: power the guest down (grace period, then kill); once it is gone, clean up and let go. */
  private async terminate(vmi: VirtualMachineInstance, t: Tracked | undefined): Promise<void> {
    if (t && !t.exit) {
      if (!t.guest.stopRequested) {
        const grace = gracePeriodSeconds(vmi);
        await this.d.recorder.record(vmi, 'Normal', 'ShuttingDown', `Signaled graceful shutdown (grace period ${grace} s)`);
        t.guest.requestStop(grace * 1000);
      }
      return; // its exit enqueues this VMI again
    }
    await removeRunDir(runDirOf(this.d.launch.dataDir, vmi.metadata.uid ?? ''));
    await releasePersistentState(this.d.client, this.d.launch.dataDir, vmi);
    await deleteLauncherPods(this.d.client, vmi);
    if (t) {
      this.byUid.delete(t.guest.uid);
      await this.d.recorder.record(vmi, 'Normal', 'Deleted', 'Guest stopped and its files removed');
    }
    if (vmi.metadata.finalizers?.includes(VMI_FINALIZER)) {
      try {
        await this.d.client.mergePatch(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', {
          metadata: { resourceVersion: vmi.metadata.resourceVersion, finalizers: vmi.metadata.finalizers.filter((f) => f !== VMI_FINALIZER) },
        });
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
      }
    }
  }
}

/** `vireo.io/grace-period-seconds`, else spec.terminationGracePeriodSeconds, else 180. */
export function gracePeriodSeconds(vmi: VirtualMachineInstance): number {
  const ann = vmi.metadata.annotations?.[GRACE_ANNOTATION];
  if (ann !== undefined && /^\d+$/.test(ann)) return Number(ann);
  return vmi.spec?.terminationGracePeriodSeconds ?? 180;
}

function isConnectionError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT';
}
