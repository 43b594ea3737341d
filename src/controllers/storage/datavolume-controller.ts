// The DataVolume controller (CDI's): creates each DataVolume's claim with a populate request and
// a selected node, and mirrors what the node agent reports on the claim into the DataVolume's
// status, with CDI's phases, conditions and events. It never touches data: the node agent that
// holds the volume imports, clones or creates the disk (src/node/storage/).
//
// Node choice, kept simple: DataVolumes do not wait for a first consumer (CDI's
// honorWaitForFirstConsumer off); a clone goes to the node holding its source; anything else to
// the first Ready node (by name) that publishes a volume root. So an upload DataVolume on a
// WaitForFirstConsumer class is bound at once and reaches UploadReady, as CDI binds one when
// virtctl asks with --force-bind (its annotation is accepted and changes nothing here). A DataVolume
// marked pre-populated (CDI's annotation; a VM restore creates them) adopts the claim annotated as
// populated for it instead of creating one.
import type { Node } from '../../api/core/node.ts';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { DataSource } from '../../api/cdi/datasource.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { StorageClass } from '../../api/storage/storageclass.ts';
import { isDeepStrictEqual } from 'node:util';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { classOf, defaultClassName, storageNodes } from './classes.ts';
import { buildClaim, populateRequestOf } from './dv-claim.ts';
import { computeDvStatus, transitionEvent, type DvStatus } from './dv-status.ts';
import { POPULATE_PHASE_ANNOTATION, POPULATE_REQUEST_ANNOTATION, PROVISIONER_LOCAL, parsePopulateRequest, type PopulateRequest } from './protocol.ts';
import { pvNode } from './pv-build.ts';

const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

/** CDI's annotations: the DataVolume is pre-populated, and the claim says it was filled for it. */
const prePopulatedFor = (dv: DataVolume, pvc: PersistentVolumeClaim) =>
  dv.metadata.annotations?.['cdi.kubevirt.io/storage.prePopulated'] === 'true' && pvc.metadata.annotations?.['cdi.kubevirt.io/storage.populatedFor'] === dv.metadata.name;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Plan {
  request?: PopulateRequest;
  node?: string;
  sourceSize?: string;
  blocked?: string;
  invalid?: string;
}

export class DataVolumeController {
  private dvs: Informer<DataVolume>;
  private pvcs: Informer<PersistentVolumeClaim>;
  private classes: Informer<StorageClass>;
  private nodes: Informer<Node>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.dvs = new Informer(client, R.datavolumes);
    this.pvcs = new Informer(client, R.pvcs);
    this.classes = new Informer(client, R.storageclasses);
    this.nodes = new Informer(client, R.nodes);
    this.queue = new WorkQueue((k) => this.sync(k), 'datavolume-controller', 4);
    this.events = new EventRecorder(client, 'datavolume-controller');
    this.dvs.on((_t, dv) => this.queue.add(objectKey(dv)));
    this.pvcs.on((_t, pvc) => {
      const owner = pvc.metadata.ownerReferences?.find((r) => r.kind === 'DataVolume');
      if (owner) this.queue.add(`${pvc.metadata.namespace}/${owner.name}`);
      // A clone waiting for this claim as its source.
      for (const dv of this.dvs.list()) if (dv.spec?.source?.pvc?.name === pvc.metadata.name) this.queue.add(objectKey(dv));
    });
    this.nodes.on(() => {
      for (const dv of this.dvs.list()) if (!dv.status?.claimName) this.queue.add(objectKey(dv));
    });
  }

  async start(): Promise<void> {
    const all = [this.dvs, this.pvcs, this.classes, this.nodes];
    for (const i of all) i.start();
    await Promise.all(all.map((i) => i.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all([this.dvs, this.pvcs, this.classes, this.nodes].map((i) => i.stop()));
  }

  private async sync(key: string): Promise<void> {
    try {
      await this.reconcile(key);
    } catch (e) {
      if (!isCode(e, 409)) throw e;
      this.queue.add(key);
    }
  }

  private async reconcile(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const dv = await this.client.tryGet<DataVolume>(R.datavolumes, ns, name);
    if (!dv || dv.metadata.deletionTimestamp) return;
    let pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
    let plan: Plan = {};
    if (pvc && !pvc.metadata.ownerReferences?.some((r) => r.uid === dv.metadata.uid) && prePopulatedFor(dv, pvc)) {
      pvc = await this.adopt(dv, pvc);
    }
    if (pvc && !pvc.metadata.ownerReferences?.some((r) => r.uid === dv.metadata.uid)) {
      const why = `PersistentVolumeClaim ${ns}/${name} already exists and is not owned by this DataVolume`;
      plan = { blocked: why };
      await this.events.record(dv, 'Warning', 'ErrResourceExists', why);
      pvc = undefined;
    } else if (!pvc) {
      plan = await this.plan(dv);
      if (plan.request && !plan.blocked) pvc = await this.createClaim(dv, plan);
    } else {
      plan.request = parsePopulateRequest(pvc.metadata.annotations?.[POPULATE_REQUEST_ANNOTATION]);
    }
    if (plan.blocked) this.queue.addAfter(key, 2000);
    const sc = pvc ? classOf(pvc, this.classes.list()) : undefined;
    const status = computeDvStatus({
      dv,
      pvc,
      request: plan.request,
      waitsForConsumer: sc?.provisioner === PROVISIONER_LOCAL && sc.volumeBindingMode === 'WaitForFirstConsumer',
      blocked: plan.blocked,
      invalid: plan.invalid,
      now: now(),
    });
    await this.writeStatus(dv, status, plan.request);
  }

  /** What to populate with and where, or why not (yet). */
  private async plan(dv: DataVolume): Promise<Plan> {
    const ns = dv.metadata.namespace ?? 'default';
    let clone: { namespace: string; name: string } | undefined;
    if (dv.spec?.sourceRef) {
      const ref = dv.spec.sourceRef;
      const ds = await this.client.tryGet<DataSource>(R.datasources, ref.namespace ?? ns, ref.name);
      const src = ds?.spec?.source as { pvc?: { namespace?: string; name: string } } | undefined;
      if (!ds) return { blocked: `DataSource ${ref.namespace ?? ns}/${ref.name} not found` };
      if (!src?.pvc) return { invalid: `DataSource ${ref.namespace ?? ns}/${ref.name}: only pvc sources are supported yet` };
      clone = { namespace: src.pvc.namespace ?? ds.metadata.namespace ?? ns, name: src.pvc.name };
    }
    const request = populateRequestOf(dv, clone);
    if (typeof request === 'string') return { invalid: request };
    if (request.kind !== 'clone') {
      const node = storageNodes(this.nodes.list())[0]?.metadata.name;
      return node ? { request, node } : { request, blocked: 'no Ready node with a volume root to place the volume on' };
    }
    // CDI lets a clone read a claim of another namespace only if the DataVolume's creator may
    // `create` the `datavolumes/source` subresource there (its clone permission check). Vireo
    // authenticates one user, the admin, and has no per-user authorization to ask, so any
    // namespace's claim may be cloned; the check belongs here once users and RBAC exist.
    const source = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, request.namespace, request.name);
    const srcName = `${request.namespace}/${request.name}`;
    if (!source) return { request, blocked: `clone source PersistentVolumeClaim ${srcName} not found` };
    if (source.status?.phase !== 'Bound' || !source.spec?.volumeName) return { request, blocked: `clone source PersistentVolumeClaim ${srcName} is not bound yet` };
    const a = source.metadata.annotations ?? {};
    if (a[POPULATE_REQUEST_ANNOTATION] && a[POPULATE_PHASE_ANNOTATION] !== 'Succeeded') return { request, blocked: `clone source ${srcName} is still being populated` };
    const pv = await this.client.tryGet<PersistentVolume>(R.pvs, undefined, source.spec.volumeName);
    const node = (pv && pvNode(pv)) ?? storageNodes(this.nodes.list())[0]?.metadata.name;
    if (!node) return { request, blocked: 'no Ready node with a volume root to place the volume on' };
    return { request, node, sourceSize: String(source.status.capacity?.storage ?? source.spec.resources?.requests?.storage ?? '') || undefined };
  }

  /** CDI's prePopulated DataVolume takes over the claim filled for it (a VM restore makes those). */
  private async adopt(dv: DataVolume, pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim> {
    const ref = { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', name: dv.metadata.name!, uid: dv.metadata.uid!, controller: true, blockOwnerDeletion: true };
    const owners = (pvc.metadata.ownerReferences ?? []).filter((r) => !r.controller);
    return this.client.mergePatch<PersistentVolumeClaim>(R.pvcs, pvc.metadata.namespace, pvc.metadata.name!, { metadata: { resourceVersion: pvc.metadata.resourceVersion, ownerReferences: [...owners, ref] } });
  }

  private async createClaim(dv: DataVolume, plan: Plan): Promise<PersistentVolumeClaim | undefined> {
    const classes = this.classes.list();
    const claim = buildClaim(dv, plan.request!, {
      defaultClass: defaultClassName(classes),
      classProvisioner: (n) => classes.find((c) => c.metadata.name === n)?.provisioner,
      node: plan.node,
      sourceSize: plan.sourceSize,
    });
    if (typeof claim === 'string') {
      plan.invalid = claim;
      return undefined;
    }
    try {
      const created = await this.client.create<PersistentVolumeClaim>(R.pvcs, dv.metadata.namespace, claim);
      await this.events.record(dv, 'Normal', 'Pending', `PVC ${claim.metadata.name} Pending`);
      return created;
    } catch (e) {
      if (isCode(e, 409)) return this.client.tryGet<PersistentVolumeClaim>(R.pvcs, dv.metadata.namespace, dv.metadata.name!);
      plan.blocked = `cannot create PersistentVolumeClaim: ${(e as Error).message}`;
      await this.events.record(dv, 'Warning', 'ErrClaimNotValid', plan.blocked);
      return undefined;
    }
  }

  private async writeStatus(dv: DataVolume, status: DvStatus, request: PopulateRequest | undefined): Promise<void> {
    const strip = (s: DvStatus | undefined) => ({ ...s, conditions: s?.conditions?.map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...c }) => c) });
    if (isDeepStrictEqual(strip(status), strip(dv.status))) return;
    await this.client.updateStatus(R.datavolumes, { ...dv, status });
    const ev = transitionEvent(dv.status?.phase, status, request, status.claimName ?? dv.metadata.name ?? '');
    if (ev) await this.events.record(dv, ev.type, ev.reason, ev.message);
  }
}
