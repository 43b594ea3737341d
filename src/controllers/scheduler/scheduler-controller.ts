// The default scheduler: binds each unbound VMI that names no other scheduler to one node, or
// says in its PodScheduled condition why no node fits. One worker, so each decision sees the
// bindings made before it; every write carries the VMI's resourceVersion, so a VMI is never bound
// twice (by a retry, a stale cache or a second scheduler) — a conflict just means "look again".
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { HCO_NAME, HCO_NAMESPACE, type HyperConvergedSpec } from '../../api/hco/hyperconverged.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { SelectorError } from '../../machinery/selectors.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey, type InformerEvent } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { AssumedBindings } from './assumed.ts';
import { claimAccessModes } from './claim-access.ts';
import { filterNodes } from './filter.ts';
import { unschedulableMessage } from './message.ts';
import { isFinished } from './requests.ts';
import { rankNodes } from './score.ts';
import { boundStatus, saysUnschedulable, scheduledCondition, unschedulableStatus } from './status.ts';
import type { FilterOptions, Labels } from './types.ts';
import { claimMaterial, nodeMaterial, podMaterial, vmiMaterial } from './watch-filters.ts';

type VMI = VirtualMachineInstance;

export const SCHEDULER_NAME = 'default-scheduler';
export const WAITING_REASON = 'WaitingForScheduler';
/** Backstop re-evaluation of unschedulable VMIs, whatever the watches said. */
export const RESYNC_MS = 10_000;
const CONFLICT_RETRY_MS = 200;

export function needsNode(vmi: VMI): boolean {
  return !vmi.status?.nodeName && !vmi.metadata.deletionTimestamp && !isFinished(vmi);
}

export function isOurs(vmi: VMI): boolean {
  const s = vmi.spec?.schedulerName;
  return !s || s === SCHEDULER_NAME;
}

export class SchedulerController {
  private vmis: Informer<VMI>;
  private nodes: Informer<Node>;
  private pods: Informer<Pod>;
  private hcos: Informer<KubeObject & { spec?: HyperConvergedSpec }>;
  private namespaces: Informer;
  /** Claims' access modes (ReadWriteOnce: one node at a time). */
  private pvcs: Informer<PersistentVolumeClaim>;
  private queue: WorkQueue;
  private events: EventRecorder;
  private assumed = new AssumedBindings();
  /** VMIs (uid/scheduler) whose "waiting for scheduler" event is known to exist. */
  private waitNoted = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly client: KubeClient) {
    this.vmis = new Informer<VMI>(client, R.vmis);
    this.nodes = new Informer<Node>(client, R.nodes);
    this.pods = new Informer<Pod>(client, R.pods);
    this.hcos = new Informer(client, R.hyperconvergeds, { namespace: HCO_NAMESPACE });
    this.namespaces = new Informer(client, R.namespaces);
    this.pvcs = new Informer<PersistentVolumeClaim>(client, R.pvcs);
    this.queue = new WorkQueue((k) => this.reconcile(k), 'scheduler', 1);
    this.events = new EventRecorder(client, SCHEDULER_NAME);
    this.vmis.on((t, o, old) => this.onVmi(t, o, old));
    this.nodes.on((t, o, old) => {
      if (t !== 'update' || !old || nodeMaterial(o) !== nodeMaterial(old)) this.requeuePending();
    });
    this.pods.on((t, o, old) => {
      if (t !== 'update' || !old || podMaterial(o) !== podMaterial(old)) this.requeuePending();
    });
    this.hcos.on(() => this.requeuePending());
    this.namespaces.on((t, o, old) => {
      if (t !== 'update' || JSON.stringify(o.metadata.labels) !== JSON.stringify(old?.metadata.labels)) this.requeuePending();
    });
    this.pvcs.on((t, o, old) => {
      if (t !== 'update' || !old || claimMaterial(o) !== claimMaterial(old)) this.requeuePending();
    });
  }

  async start(): Promise<void> {
    const informers = [this.vmis, this.nodes, this.pods, this.hcos, this.namespaces, this.pvcs];
    for (const i of informers) i.start();
    await Promise.all(informers.map((i) => i.waitForSync()));
    this.queue.start();
    this.timer = setInterval(() => this.requeuePending(), RESYNC_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.queue.stop();
    await Promise.all([this.vmis, this.nodes, this.pods, this.hcos, this.namespaces, this.pvcs].map((i) => i.stop()));
  }

  private onVmi(type: InformerEvent, vmi: VMI, old: VMI | undefined): void {
    const uid = vmi.metadata.uid ?? '';
    this.assumed.observed(type, vmi);
    if (type === 'delete') for (const k of this.waitNoted) if (k.startsWith(`${uid}/`)) this.waitNoted.delete(k);
    if (type !== 'delete' && needsNode(vmi)) this.queue.add(objectKey(vmi));
    // A VMI that arrives on, leaves or finishes on a node changes what others can have.
    if (type !== 'update' || !old || vmiMaterial(vmi) !== vmiMaterial(old)) this.requeuePending();
  }

  private requeuePending(): void {
    for (const vmi of this.vmis.list()) if (needsNode(vmi) && isOurs(vmi)) this.queue.add(objectKey(vmi));
  }

  private options(): FilterOptions {
    const hco = this.hcos.get(`${HCO_NAMESPACE}/${HCO_NAME}`);
    const namespaceLabels = new Map<string, Labels>();
    for (const ns of this.namespaces.list()) namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {});
    return { defaultCPUModel: hco?.spec?.defaultCPUModel || undefined, namespaceLabels, claimAccessModes: claimAccessModes(this.pvcs.list()) };
  }

  private async reconcile(key: string): Promise<void> {
    const cached = this.vmis.get(key);
    const vmi = cached && this.assumed.current(cached);
    if (!vmi || !needsNode(vmi)) return;
    if (!isOurs(vmi)) return this.noteOtherScheduler(vmi, vmi.spec!.schedulerName!);
    const nodes = this.nodes.list().sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const pods = this.pods.list();
    const vmis = this.assumed.overlay(this.vmis.list());
    const opts = this.options();
    let verdicts;
    try {
      verdicts = filterNodes(vmi, nodes, pods, vmis, opts);
    } catch (e) {
      // The VMI's own selectors are invalid: no node can ever match, and the user must see why.
      if (e instanceof SelectorError) return this.markUnschedulable(key, vmi, `invalid scheduling constraints: ${e.message}`);
      throw e;
    }
    const fit = new Set(verdicts.filter((v) => v.reasons.length === 0).map((v) => v.node));
    if (fit.size === 0) return this.markUnschedulable(key, vmi, unschedulableMessage(verdicts));
    const [best] = rankNodes(vmi, nodes.filter((n) => fit.has(n.metadata.name ?? '')), nodes, pods, vmis, opts);
    await this.bind(key, vmi, best!.node);
  }

  /** Writes the status; undefined (and a later look) when the VMI changed meanwhile or is gone. */
  private async writeStatus(key: string, vmi: VMI, status: VMI['status']): Promise<VMI | undefined> {
    try {
      return await this.client.updateStatus<VMI>(R.vmis, { ...vmi, status });
    } catch (e) {
      if (!(e instanceof ApiStatusError)) throw e;
      if (e.code === 404) return undefined;
      if (e.code === 409) {
        this.queue.addAfter(key, CONFLICT_RETRY_MS);
        return undefined;
      }
      throw e;
    }
  }

  private async bind(key: string, vmi: VMI, node: string): Promise<void> {
    const bound = await this.writeStatus(key, vmi, boundStatus(vmi, node));
    if (!bound) return;
    this.assumed.bound(bound);
    await this.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${vmi.metadata.namespace}/${vmi.metadata.name} to ${node}`);
  }

  private async markUnschedulable(key: string, vmi: VMI, message: string): Promise<void> {
    if (saysUnschedulable(vmi, message)) return;
    const previous = scheduledCondition(vmi)?.message;
    const written = await this.writeStatus(key, vmi, unschedulableStatus(vmi, message));
    if (written && previous !== message) await this.events.record(written, 'Warning', 'FailedScheduling', message);
  }

  /** Another scheduler's VMI is left untouched; one event says what it waits for. */
  private async noteOtherScheduler(vmi: VMI, scheduler: string): Promise<void> {
    const id = `${vmi.metadata.uid}/${scheduler}`;
    if (this.waitNoted.has(id)) return;
    // Asking the store, not memory, keeps it to one event across scheduler restarts.
    const existing = await this.client.list(R.events, vmi.metadata.namespace, {
      fieldSelector: `involvedObject.uid=${vmi.metadata.uid},reason=${WAITING_REASON}`,
    });
    if (existing.items.length === 0) {
      await this.events.record(vmi, 'Normal', WAITING_REASON, `Waiting for scheduler "${scheduler}": the default scheduler leaves this VMI to it`);
    }
    this.waitNoted.add(id);
  }
}
