// The target side of live migrations on this node. Watches the VMIs labelled as migrating here;
// for each: starts QEMU with the VMI's exact device layout waiting for the incoming state, exports
// the node-local disks over NBD for the source to mirror into, and reports where to send it. When
// the source reports completion it resumes the guest and takes the VMI over (nodeName, launcher pod,
// interfaces), handing the guest to VmiSync. A failed or aborted migration ends the waiting QEMU.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { KubeClient } from '../../client/client.ts';
import type { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { configOf, hasEnded, TARGET_NODE_LABEL } from '../../controllers/migration/protocol.ts';
import { removeRunDir } from '../cleanup.ts';
import type { RunningGuest } from '../guest.ts';
import { launchGuest, type LaunchContext } from '../launch.ts';
import { PORT_FORWARDS_ANNOTATION, freePort, planNetwork, type InterfaceStatus } from '../network.ts';
import { setLauncherPodPhase } from '../pod.ts';
import { runDirOf } from '../run-dir.ts';
import { now, updateStatus } from '../status.ts';
import { localDisks } from './local-disks.ts';
import { enablePostCopy, runDuringPostCopy } from './postcopy.ts';
import { localClaims, prepareTargetDisks, removeTargetDisks, repointVolumes, TargetPvcResolver, type LocalClaim } from './local-claims.ts';
import { join } from 'node:path';

export interface IncomingDeps {
  client: KubeClient;
  nodeName: string;
  address: string;
  recorder: EventRecorder;
  launch: LaunchContext;
  /** Gives a resumed guest to VmiSync (before the VMI names this node, so it is never started twice). */
  handOver: (vmi: VirtualMachineInstance, guest: RunningGuest, podUid: string, interfaces: InterfaceStatus[]) => void;
  /** VmiSync's queue: the guest's events go there too once it is handed over. */
  enqueueSync: (key: string) => void;
}

interface Incoming {
  migrationUid: string;
  guest: RunningGuest;
  interfaces: InterfaceStatus[];
  forwards: Record<string, number>;
  exports: string[];
  /** Node-local claims being copied here (their disk files are ours to remove on failure). */
  claims: LocalClaim[];
  handedOver: boolean;
}

/** How long the target may wait for its QEMU to finish loading the state after the source said "completed". */
const LOAD_WAIT_MS = 30_000;

export class MigrationTargets {
  private readonly informer: Informer<VirtualMachineInstance>;
  private readonly queue: WorkQueue;
  private readonly byKey = new Map<string, Incoming>();

  /** This node's root for local volumes (the same NodeStorage uses). */
  private get volumeRoot(): string {
    return join(this.d.launch.dataDir, 'volumes');
  }

  constructor(private readonly d: IncomingDeps) {
    this.informer = new Informer<VirtualMachineInstance>(d.client, R.vmis, { labelSelector: `${TARGET_NODE_LABEL}=${d.nodeName}` });
    this.queue = new WorkQueue((key) => this.reconcile(key), `migration target ${d.nodeName}`, 4);
    this.informer.on((_t, vmi) => this.queue.add(objectKey(vmi)));
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await this.informer.stop();
  }

  private async reconcile(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    const vmi = await this.d.client.tryGet<VirtualMachineInstance>(R.vmis, ns, name);
    const m = vmi?.status?.migrationState;
    const entry = this.byKey.get(key);
    if (entry?.handedOver) {
      if (!m || m.migrationUid !== entry.migrationUid) this.byKey.delete(key);
      return;
    }
    const mine = !!vmi && !!m && m.targetNode === this.d.nodeName && !vmi.metadata.deletionTimestamp;
    if (!mine || m.failed || (entry && entry.migrationUid !== m.migrationUid)) {
      if (entry) await this.discard(key, entry, vmi);
      return;
    }
    if (vmi.status?.nodeName === this.d.nodeName) return;
    if (!entry) {
      if (hasEnded(m)) return;
      return this.prepare(key, vmi);
    }
    if (m.completed) return this.resume(key, vmi, entry);
    // The source switched to post-copy and never resumes: the guest runs here while its memory follows.
    if (m.mode === 'PostCopy' && !isUserPaused(vmi)) await runDuringPostCopy(entry.guest);
  }

  /** QEMU waiting for the state, NBD exports of the node-local disks, then the address in the status. */
  private async prepare(key: string, vmi: VirtualMachineInstance): Promise<void> {
    const m = vmi.status!.migrationState!;
    const uid = m.migrationUid ?? '';
    let guest: RunningGuest | undefined;
    let claims: LocalClaim[] = [];
    try {
      const plan = await planNetwork(vmi, this.d.address, this.d);
      claims = (await localClaims(this.d.client, vmi)).filter((c) => c.holder !== this.d.nodeName);
      await prepareTargetDisks(this.volumeRoot, claims);
      const launch = { ...this.d.launch, pvcs: new TargetPvcResolver(this.d.launch.pvcs, this.volumeRoot, claims) };
      guest = await launchGuest(launch, vmi, plan, () => {
        this.queue.add(key);
        this.d.enqueueSync(key);
      }, { incoming: true });
      const entry: Incoming = { migrationUid: uid, guest, interfaces: plan.interfaces, forwards: plan.forwards, exports: [], claims, handedOver: false };
      this.byKey.set(key, entry);
      const port = await freePort(this.d.address);
      if (configOf(m)?.allowPostCopy) await enablePostCopy(guest.qmp);
      await guest.qmp.execute('migrate-incoming', { uri: `tcp:${this.d.address}:${port}` });
      const disks = [...localDisks(vmi), ...claims];
      let nbd: number | undefined;
      if (disks.length > 0) {
        nbd = await freePort(this.d.address);
        await guest.qmp.execute('nbd-server-start', { addr: { type: 'inet', data: { host: this.d.address, port: String(nbd) } } });
        for (const disk of disks) {
          await guest.qmp.execute('block-export-add', { type: 'nbd', id: `exp-${disk.node}`, 'node-name': disk.node, writable: true, name: disk.node });
          entry.exports.push(`exp-${disk.node}`);
        }
      }
      const written = await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
        const s = v.status?.migrationState;
        if (v.metadata.uid !== vmi.metadata.uid || !s || s.migrationUid !== uid || hasEnded(s)) return false;
        s.targetNodeAddress = `${this.d.address}:${port}`;
        s.targetDirectMigrationNodePorts = nbd ? { nbd } : {};
        s.targetNodeDomainDetected = true;
      });
      if (!written) this.queue.add(key); // it ended meanwhile: the next pass discards the guest
    } catch (e) {
      const reason = `the target node ${this.d.nodeName} could not prepare: ${(e as Error).message}`;
      await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
        const s = v.status?.migrationState;
        if (!s || s.migrationUid !== uid || hasEnded(s)) return false;
        Object.assign(s, { failed: true, failureReason: reason, endTimestamp: now() });
      });
      const entry = this.byKey.get(key);
      if (entry) await this.discard(key, entry, vmi);
      else {
        if (guest) await guest.kill();
        await removeTargetDisks(this.volumeRoot, claims);
      }
      await this.d.recorder.record(vmi, 'Warning', 'MigrationTargetFailed', reason);
    }
  }

  /** The source finished: wait for the state to be loaded, resume, take the VMI over. */
  private async resume(key: string, vmi: VirtualMachineInstance, entry: Incoming): Promise<void> {
    const { guest } = entry;
    const m = vmi.status!.migrationState!;
    // Everything from here to the take-over write is the switch-over the user waits for: the pod is
    // read while QEMU finishes loading the state.
    const podRead = m.targetPod ? this.d.client.tryGet<Pod>(R.pods, vmi.metadata.namespace, m.targetPod) : Promise.resolve(undefined);
    podRead.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const deadline = Date.now() + LOAD_WAIT_MS;
    while ((await guest.status()) === 'inmigrate') {
      if (Date.now() > deadline) throw new Error(`${key}: the incoming state did not finish loading within ${LOAD_WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const id of entry.exports) await guest.qmp.execute('block-export-del', { id, mode: 'hard' }).catch(() => undefined);
    if (entry.exports.length > 0) await guest.qmp.execute('nbd-server-stop').catch(() => undefined);
    entry.exports = [];
    const pod = await podRead;
    const podUid = pod?.metadata.uid ?? '';
    entry.handedOver = true;
    this.d.handOver(vmi, guest, podUid, entry.interfaces);
    if ((await guest.status()) !== 'running' && !isUserPaused(vmi)) await guest.qmp.execute('cont');
    // The claims' data is here now: their PVs follow before the VMI says it runs here.
    await repointVolumes(this.d.client, vmi.metadata.namespace, this.d.nodeName, this.volumeRoot, entry.claims);
    await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      const s = v.status?.migrationState;
      if (v.metadata.uid !== vmi.metadata.uid || !s || s.migrationUid !== entry.migrationUid) return false;
      const st = v.status!;
      st.nodeName = this.d.nodeName;
      st.activePods = { [podUid]: this.d.nodeName };
      st.interfaces = entry.interfaces;
      s.targetNodeDomainReadyTimestamp = now();
    });
    // The guest's forwarded ports are this node's now (they were bound when its QEMU started).
    const forwards = JSON.stringify(entry.forwards);
    if (Object.keys(entry.forwards).length > 0 && vmi.metadata.annotations?.[PORT_FORWARDS_ANNOTATION] !== forwards) {
      await this.d.client.mergePatch(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', { metadata: { annotations: { [PORT_FORWARDS_ANNOTATION]: forwards } } });
    }
    if (pod) await setLauncherPodPhase(this.d.client, pod, 'Running', this.d.address);
    await this.d.recorder.record(vmi, 'Normal', 'MigrationTargetRunning', `The guest runs on ${this.d.nodeName} now (QEMU pid ${guest.pid})`);
  }

  private async discard(key: string, entry: Incoming, vmi: VirtualMachineInstance | undefined): Promise<void> {
    this.byKey.delete(key);
    await entry.guest.kill();
    await removeRunDir(runDirOf(this.d.launch.dataDir, entry.guest.uid));
    await removeTargetDisks(this.volumeRoot, entry.claims);
    if (vmi) await this.d.recorder.record(vmi, 'Normal', 'MigrationTargetStopped', `The migration target on ${this.d.nodeName} was stopped (the migration did not complete)`);
  }
}

function isUserPaused(vmi: VirtualMachineInstance): boolean {
  return vmi.status?.conditions?.some((c) => c.type === 'Paused' && c.status === 'True') ?? false;
}
