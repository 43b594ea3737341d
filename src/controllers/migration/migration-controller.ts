// The migration controller (KubeVirt's virt-controller migration loop): moves each
// VirtualMachineInstanceMigration through Pending → Scheduling → Scheduled → PreparingTarget →
// TargetReady → Running → Succeeded | Failed by what the VMI's migrationState says (protocol.ts),
// keeps the parallel limits, and turns deletion of an unfinished migration into an abort.
import type { Namespace } from '../../api/core/namespace.ts';
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { HCO_NAME, HCO_NAMESPACE, type HyperConvergedSpec } from '../../api/hco/hyperconverged.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../../api/kubevirt/types.ts';
import type { MigrationState } from '../../api/kubevirt/index.ts';
import type { MigrationPolicy } from '../../api/migrations/index.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { now, updateStatus } from '../../node/status.ts';
import { migrationConfig, type MigrationConfig } from './config.ts';
import { applyPolicy, matchPolicy } from './policy.ts';
import { hasEnded, isActiveFor, isMigrationInFlight, MIGRATION_FINALIZER, TARGET_NODE_LABEL } from './protocol.ts';
import { chooseTarget } from './target-node.ts';
import { claimAccessModes } from '../scheduler/claim-access.ts';
import { ensureTargetPod } from './target-pod.ts';

type VMIM = VirtualMachineInstanceMigration;
type VMI = VirtualMachineInstance;
type Phase = NonNullable<NonNullable<VMIM['status']>['phase']>;

const FINAL: readonly string[] = ['Succeeded', 'Failed'];
/** Phases that hold a slot of the parallel limits. */
const ACTIVE: readonly string[] = ['Scheduling', 'Scheduled', 'PreparingTarget', 'TargetReady', 'Running'];
/** How long the target node may take to get ready (a dead target agent must not hang the migration). */
export const TARGET_READY_TIMEOUT_MS = 120_000;
const RESYNC_MS = 5_000;

export class MigrationController {
  private vmims: Informer<VMIM>;
  private vmis: Informer<VMI>;
  private nodes: Informer<Node>;
  private pods: Informer<Pod>;
  private hcos: Informer<KubeObject & { spec?: HyperConvergedSpec }>;
  private policies: Informer<MigrationPolicy>;
  private namespaces: Informer<Namespace>;
  /** Claims' access modes: a target must not take a ReadWriteOnce claim another VMI holds elsewhere. */
  private pvcs: Informer<PersistentVolumeClaim>;
  private queue: WorkQueue;
  private events: EventRecorder;
  private timer?: NodeJS.Timeout;

  constructor(private readonly client: KubeClient) {
    this.vmims = new Informer<VMIM>(client, R.vmims);
    this.vmis = new Informer<VMI>(client, R.vmis);
    this.nodes = new Informer<Node>(client, R.nodes);
    this.pods = new Informer<Pod>(client, R.pods);
    this.hcos = new Informer(client, R.hyperconvergeds, { namespace: HCO_NAMESPACE });
    this.policies = new Informer<MigrationPolicy>(client, R.migrationpolicies);
    this.namespaces = new Informer<Namespace>(client, R.namespaces);
    this.pvcs = new Informer<PersistentVolumeClaim>(client, R.pvcs);
    this.queue = new WorkQueue((k) => this.reconcile(k), 'migration controller', 2);
    this.events = new EventRecorder(client, 'virtualmachineinstancemigration-controller');
    this.vmims.on((t, o, old) => {
      this.queue.add(objectKey(o));
      // A migration that ends frees a slot for those waiting.
      if (t === 'delete' || (old && !FINAL.includes(old.status?.phase ?? '') && FINAL.includes(o.status?.phase ?? ''))) this.requeueWaiting();
    });
    this.vmis.on((_t, vmi) => {
      for (const m of this.vmims.list()) {
        if (m.metadata.namespace === vmi.metadata.namespace && m.spec?.vmiName === vmi.metadata.name) this.queue.add(objectKey(m));
      }
    });
  }

  async start(): Promise<void> {
    const informers = [this.vmims, this.vmis, this.nodes, this.pods, this.hcos, this.policies, this.namespaces, this.pvcs];
    for (const i of informers) i.start();
    await Promise.all(informers.map((i) => i.waitForSync()));
    this.queue.start();
    this.timer = setInterval(() => this.requeueWaiting(), RESYNC_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.queue.stop();
    await Promise.all([this.vmims, this.vmis, this.nodes, this.pods, this.hcos, this.policies, this.namespaces, this.pvcs].map((i) => i.stop()));
  }

  private requeueWaiting(): void {
    for (const m of this.vmims.list()) if (!FINAL.includes(m.status?.phase ?? '')) this.queue.add(objectKey(m));
  }

  private config(): MigrationConfig {
    return migrationConfig(this.hcos.get(`${HCO_NAMESPACE}/${HCO_NAME}`)?.spec);
  }

  /** The settings this VMI's migration runs with: the cluster's, under the MigrationPolicy that selects it. */
  private configFor(vmi: VMI): { config: MigrationConfig; policy?: string } {
    const ns = this.namespaces.get(vmi.metadata.namespace ?? '');
    const policy = matchPolicy(this.policies.list(), vmi.metadata.labels, ns?.metadata.labels);
    return { config: applyPolicy(this.config(), policy), policy: policy?.metadata.name };
  }

  private async reconcile(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let vmim = await this.client.tryGet<VMIM>(R.vmims, ns, name);
    if (!vmim) return;
    const uid = vmim.metadata.uid ?? '';
    const vmi = await this.client.tryGet<VMI>(R.vmis, ns, vmim.spec?.vmiName ?? '');
    let phase = vmim.status?.phase;

    if (vmim.metadata.deletionTimestamp) return this.cancel(vmim, vmi);
    if (phase && FINAL.includes(phase)) return this.cleanUp(vmim, vmi);
    // The first steps follow each other in one pass: each is one idempotent write, and waiting for
    // the watch to bring every write back would only add to the time a migration takes.
    if (!vmim.metadata.finalizers?.includes(MIGRATION_FINALIZER)) {
      vmim = await this.client.mergePatch<VMIM>(R.vmims, ns, name, {
        metadata: { resourceVersion: vmim.metadata.resourceVersion, finalizers: [...(vmim.metadata.finalizers ?? []), MIGRATION_FINALIZER] },
      });
    }
    if (!phase || phase === 'Pending') {
      const verdict = this.admission(vmim, vmi);
      if (verdict !== 'admit' && verdict !== 'wait') return this.fail(vmim, vmi, verdict.refused);
      if (verdict === 'wait') {
        if (!phase) await this.setPhase(vmim, ['Pending']);
        return; // stays Pending; requeued when a running migration ends
      }
      // Admitted at once: Pending and Scheduling in one write (both keep their timestamps).
      await this.setPhase(vmim, phase ? ['Scheduling'] : ['Pending', 'Scheduling']);
      phase = 'Scheduling';
    }
    if (phase === 'Scheduling') return this.schedule(vmim, vmi);

    // From here on the VMI's migrationState drives the phase.
    const m = vmi?.status?.migrationState;
    if (!vmi || m?.migrationUid !== uid) return this.fail(vmim, vmi, 'the VirtualMachineInstance went away during the migration');
    if (m.failed) {
      await this.mirror(vmim, m);
      return this.fail(vmim, vmi, m.failureReason ?? 'the migration failed');
    }
    // A phase change carries the VMI's migrationState in the same write; otherwise it is copied alone.
    let next: Phase | undefined;
    if (m.completed) next = vmi.status?.nodeName === m.targetNode ? 'Succeeded' : undefined; // else the target agent is taking the VMI over
    else if (m.startTimestamp) next = 'Running';
    else if (m.targetNodeAddress) next = 'TargetReady';
    if (!(next && (await this.setPhase(vmim, [next], m)))) await this.mirror(vmim, m);
    if (next || m.completed) return;
    const since = Date.parse(phaseTime(vmim, 'PreparingTarget') ?? now());
    if (Date.now() - since > TARGET_READY_TIMEOUT_MS) {
      return this.abortOnVmi(vmi, uid, `the target node ${m.targetNode} did not get ready within ${TARGET_READY_TIMEOUT_MS / 1000} s`);
    }
    this.queue.addAfter(key, 2_000);
  }

  /** Pending: the VMI must be running and movable ('refused'), and the limits must leave room ('wait'). */
  private admission(vmim: VMIM, vmi: VMI | undefined): 'admit' | 'wait' | { refused: string } {
    const uid = vmim.metadata.uid ?? '';
    if (!vmi) return { refused: `VirtualMachineInstance ${vmim.metadata.namespace}/${vmim.spec?.vmiName} does not exist` };
    if (vmi.status?.phase !== 'Running' || !vmi.status.nodeName) return { refused: `VirtualMachineInstance ${vmi.metadata.name} is not running` };
    const lm = vmi.status.conditions?.find((c) => c.type === 'LiveMigratable');
    if (lm?.status === 'False') return { refused: `cannot migrate VMI: ${lm.message ?? lm.reason ?? 'it is not live-migratable'}` };
    if (isMigrationInFlight(vmi) && vmi.status.migrationState?.migrationUid !== uid) {
      return { refused: `another migration (uid ${vmi.status.migrationState?.migrationUid}) of this VMI is in progress` };
    }
    const cfg = this.config();
    const running = this.vmims.list().filter((m) => m.metadata.uid !== uid && ACTIVE.includes(m.status?.phase ?? ''));
    const fromNode = running.filter((m) => m.status?.migrationState?.sourceNode === vmi.status?.nodeName);
    return running.length >= cfg.parallelMigrationsPerCluster || fromNode.length >= cfg.parallelOutboundMigrationsPerNode ? 'wait' : 'admit';
  }

  /** Scheduling: choose the target, create its pod, hand the VMI to the agents. */
  private async schedule(vmim: VMIM, vmi: VMI | undefined): Promise<void> {
    const uid = vmim.metadata.uid ?? '';
    if (!vmi || vmi.status?.phase !== 'Running') return this.fail(vmim, vmi, 'the VirtualMachineInstance is no longer running');
    const choice = chooseTarget(vmi, vmim.spec?.addedNodeSelector, this.nodes.list(), this.pods.list(), this.vmis.list(), { claimAccessModes: claimAccessModes(this.pvcs.list()) });
    if ('error' in choice) return this.fail(vmim, vmi, `no node can take the VMI: ${choice.error}`);
    const pod = await ensureTargetPod(this.client, vmi, uid, choice.node);
    const sourcePod = Object.keys(vmi.status.activePods ?? {})[0];
    const sourcePodName = sourcePod ? this.pods.list().find((p) => p.metadata.uid === sourcePod)?.metadata.name : undefined;
    const { config, policy } = this.configFor(vmi);
    const state: MigrationState = {
      migrationUid: uid,
      sourceNode: vmi.status.nodeName,
      targetNode: choice.node,
      targetPod: pod.metadata.name,
      sourcePod: sourcePodName,
      mode: 'PreCopy',
      migrationConfiguration: { ...config },
      ...(policy ? { migrationPolicyName: policy } : {}),
    };
    const written = await updateStatus<VMI>(this.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      if (v.metadata.uid !== vmi.metadata.uid || v.status?.phase !== 'Running') return false;
      if (isMigrationInFlight(v) && v.status.migrationState?.migrationUid !== uid) return false;
      if (v.status.migrationState?.migrationUid === uid) return false; // already handed over
      v.status.migrationState = state;
    });
    if (written) {
      await this.client.mergePatch(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', { metadata: { labels: { [TARGET_NODE_LABEL]: choice.node } } });
      await this.events.record(vmim, 'Normal', 'PreparingTarget', `Migrating ${vmi.metadata.name} from ${state.sourceNode} to ${choice.node} (target pod ${pod.metadata.name})`);
    }
    await this.setPhase(vmim, ['Scheduled', 'PreparingTarget'], state);
  }

  /** Deleting an unfinished migration aborts it; the finalizer goes once the VMI says it ended. */
  private async cancel(vmim: VMIM, vmi: VMI | undefined): Promise<void> {
    const uid = vmim.metadata.uid ?? '';
    if (vmi && isActiveFor(vmi, uid)) {
      if (!vmi.status?.migrationState?.abortRequested) {
        await updateStatus<VMI>(this.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
          const m = v.status?.migrationState;
          if (!m || m.migrationUid !== uid || hasEnded(m) || m.abortRequested) return false;
          m.abortRequested = true;
          // Not started on the source yet: nothing to stop there, so it fails right here.
          if (!m.startTimestamp) Object.assign(m, { failed: true, abortStatus: 'Succeeded', failureReason: 'Live migration aborted', endTimestamp: now() });
        });
        await this.events.record(vmim, 'Normal', 'AbortRequested', `Abort of the migration of ${vmi.metadata.name} requested`);
      }
      return; // the source agent ends it; its VMI update brings us back
    }
    await this.cleanUp(vmim, vmi);
    if (vmim.metadata.finalizers?.includes(MIGRATION_FINALIZER)) {
      try {
        await this.client.mergePatch(R.vmims, vmim.metadata.namespace, vmim.metadata.name ?? '', {
          metadata: { resourceVersion: vmim.metadata.resourceVersion, finalizers: vmim.metadata.finalizers.filter((f) => f !== MIGRATION_FINALIZER) },
        });
      } catch (e) {
        if (!(e instanceof ApiStatusError && (e.code === 404 || e.code === 409))) throw e;
      }
    }
  }

  /** After the end: the label goes, and the launcher pod that lost (source or target) is deleted. */
  private async cleanUp(vmim: VMIM, vmi: VMI | undefined): Promise<void> {
    const uid = vmim.metadata.uid ?? '';
    const m = vmi?.status?.migrationState;
    if (!vmi || m?.migrationUid !== uid) return;
    if (!hasEnded(m) && vmim.status?.phase !== 'Failed') return;
    const succeeded = m.completed === true && !m.failed && vmi.status?.nodeName === m.targetNode;
    const loser = succeeded ? m.sourcePod : m.targetPod;
    const active = new Set(Object.keys(vmi.status?.activePods ?? {}));
    const pod = loser ? this.pods.get(`${vmi.metadata.namespace}/${loser}`) : undefined;
    if (pod && !active.has(pod.metadata.uid ?? '') && !pod.metadata.deletionTimestamp) {
      try {
        await this.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
      }
    }
    if (vmi.metadata.labels?.[TARGET_NODE_LABEL] !== undefined && (succeeded || m.failed)) {
      await this.client.mergePatch(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', { metadata: { labels: { [TARGET_NODE_LABEL]: null } } });
    }
  }

  /** Ends the migration on the VMI (the agents see `failed` and let go) before the VMIM fails. */
  private async abortOnVmi(vmi: VMI, uid: string, reason: string): Promise<void> {
    await updateStatus<VMI>(this.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      const m = v.status?.migrationState;
      if (!m || m.migrationUid !== uid || hasEnded(m)) return false;
      Object.assign(m, { failed: true, failureReason: reason, endTimestamp: now() });
    });
  }

  private async fail(vmim: VMIM, vmi: VMI | undefined, reason: string): Promise<void> {
    const uid = vmim.metadata.uid ?? '';
    if (vmi && isActiveFor(vmi, uid)) await this.abortOnVmi(vmi, uid, reason);
    const changed = await this.setPhase(vmim, ['Failed'], undefined, reason);
    if (changed) await this.events.record(vmim, 'Warning', 'FailedMigration', reason);
    const fresh = vmi && (await this.client.tryGet<VMI>(R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? ''));
    await this.cleanUp({ ...vmim, status: { ...vmim.status, phase: 'Failed' } }, fresh);
  }

  /** Copies the VMI's migrationState into the migration object. */
  private async mirror(vmim: VMIM, m: MigrationState): Promise<void> {
    if (JSON.stringify(vmim.status?.migrationState) === JSON.stringify(m)) return;
    await updateStatus<VMIM>(this.client, R.vmims, vmim.metadata.namespace, vmim.metadata.name ?? '', (x) => {
      if (x.metadata.uid !== vmim.metadata.uid) return false;
      (x.status ??= {}).migrationState = m;
    });
  }

  /** Walks the phases in order (each with its timestamp); false when already there. */
  private async setPhase(vmim: VMIM, phases: Phase[], state?: MigrationState, failure?: string): Promise<boolean> {
    let changed = false;
    const final = phases[phases.length - 1]!;
    await updateStatus<VMIM>(this.client, R.vmims, vmim.metadata.namespace, vmim.metadata.name ?? '', (x) => {
      if (x.metadata.uid !== vmim.metadata.uid) return false;
      const st = (x.status ??= {});
      if (st.phase === final || FINAL.includes(st.phase ?? '')) return false;
      for (const phase of phases) {
        if (st.phase === phase) continue;
        st.phase = phase;
        st.phaseTransitionTimestamps = [...(st.phaseTransitionTimestamps ?? []), { phase, phaseTransitionTimestamp: now() }];
      }
      if (state) st.migrationState = { ...(st.migrationState ?? {}), ...state };
      if (failure) {
        st.migrationState = { ...(st.migrationState ?? {}), failed: true, failureReason: st.migrationState?.failureReason ?? failure };
        st.conditions = [{ type: 'Failed', status: 'True', reason: 'MigrationFailed', message: failure, lastTransitionTime: now() }];
      }
      changed = true;
    });
    if (changed && final === 'Succeeded') {
      await this.events.record(vmim, 'Normal', 'SuccessfulMigration', `Migration of ${vmim.spec?.vmiName} to ${vmim.status?.migrationState?.targetNode ?? 'the target node'} succeeded`);
    }
    return changed;
  }
}

function phaseTime(vmim: VMIM, phase: string): string | undefined {
  const hit = vmim.status?.phaseTransitionTimestamps?.find((p) => p.phase === phase);
  return hit?.phaseTransitionTimestamp ?? undefined;
}
