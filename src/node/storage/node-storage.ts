// The node side of storage: publishes this node's volume and shared roots on its Node, creates
// the directory of every PV it holds, an empty sparse disk.img for plain claims, runs the
// population a DataVolume asked for (src/importer/), and removes a deleted PV's files before
// releasing its cleanup finalizer. Populations run in the background, one per PV; an agent that
// restarts finds a claim still marked Running, counts a restart and starts it again from scratch.
// Upload claims are announced Ready and wait for their data (upload-targets.ts).
import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { Informer } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import {
  POPULATE_PHASE_ANNOTATION,
  POPULATE_REQUEST_ANNOTATION,
  POPULATE_RESTARTS_ANNOTATION,
  SELECTED_NODE_ANNOTATION,
  SHARED_ROOT_ANNOTATION,
  UPLOAD_TARGET_ANNOTATION,
  VOLUME_CLEANUP_FINALIZER,
  VOLUME_ROOT_ANNOTATION,
  parsePopulateRequest,
  usableBytes,
} from '../../controllers/storage/protocol.ts';
import { createBlank } from '../../importer/populate.ts';
import { expandVolume, pendingExpansion } from './expand.ts';
import { ownedVolume, type OwnedVolume, type Roots } from './ownership.ts';
import { preallocationRequested, runPopulation } from './populate-job.ts';
import { ClaimReporter } from './reporter.ts';
import { UploadTargets } from './upload-targets.ts';

export interface NodeStorageOptions {
  client: KubeClient;
  nodeName: string;
  dataDir: string;
}

const exists = (p: string) => access(p).then(() => true, () => false);

export class NodeStorage {
  /** This node's volume and shared roots (VM snapshot copies live there too). */
  readonly roots: Roots;
  private pvs: Informer<PersistentVolume>;
  private pvcs: Informer<PersistentVolumeClaim>;
  private queue: WorkQueue;
  /** Populations running in this process, by PV name. */
  private running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  /** Upload claims on this node; the agent endpoint hands their uploads here. */
  readonly uploads: UploadTargets;

  constructor(private readonly opts: NodeStorageOptions) {
    this.roots = { nodeName: opts.nodeName, volumeRoot: join(opts.dataDir, 'volumes'), sharedRoot: join(opts.dataDir, 'shared') };
    this.pvs = new Informer(opts.client, R.pvs);
    this.pvcs = new Informer(opts.client, R.pvcs);
    this.uploads = new UploadTargets(opts.client, opts.nodeName);
    this.queue = new WorkQueue((k) => this.reconcile(k), `node storage ${opts.nodeName}`, 4);
    this.pvs.on((_t, pv) => this.queue.add(pv.metadata.name!));
    this.pvcs.on((_t, pvc) => {
      if (pvc.spec?.volumeName) this.queue.add(pvc.spec.volumeName);
    });
  }

  async start(): Promise<void> {
    await mkdir(this.roots.volumeRoot, { recursive: true, mode: 0o700 });
    await mkdir(this.roots.sharedRoot, { recursive: true, mode: 0o700 });
    await this.opts.client.mergePatch(R.nodes, undefined, this.opts.nodeName, {
      metadata: { annotations: { [VOLUME_ROOT_ANNOTATION]: this.roots.volumeRoot, [SHARED_ROOT_ANNOTATION]: this.roots.sharedRoot } },
    });
    this.pvs.start();
    this.pvcs.start();
    await Promise.all([this.pvs.waitForSync(), this.pvcs.waitForSync()]);
    this.queue.start();
  }

  /** Stops watching and aborts running downloads; their claims stay Running and restart next time. */
  async stop(): Promise<void> {
    this.queue.stop();
    this.uploads.stop();
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([this.pvs.stop(), this.pvcs.stop(), ...[...this.running.values()].map((r) => r.done)]);
  }

  private async reconcile(pvName: string): Promise<void> {
    const { client } = this.opts;
    const pv = await client.tryGet<PersistentVolume>(R.pvs, undefined, pvName);
    const vol = pv && ownedVolume(pv, this.roots);
    if (!pv || !vol) return;
    if (pv.metadata.deletionTimestamp) return this.cleanUp(pv, vol);
    await mkdir(vol.dir, { recursive: true, mode: 0o700 });
    const ref = pv.spec?.claimRef;
    if (!ref?.name) return;
    const claim = await client.tryGet<PersistentVolumeClaim>(R.pvcs, ref.namespace, ref.name);
    if (!claim || claim.metadata.uid !== ref.uid || claim.spec?.volumeName !== pvName || claim.metadata.deletionTimestamp) return;
    const a = claim.metadata.annotations ?? {};
    const request = parsePopulateRequest(a[POPULATE_REQUEST_ANNOTATION]);
    const ownedByDv = claim.metadata.ownerReferences?.some((r) => r.kind === 'DataVolume');
    if (!request) {
      // A claim marked for upload gets its request soon (upload-claim-controller): no empty disk first.
      if (!ownedByDv && a[UPLOAD_TARGET_ANNOTATION] === undefined) await this.ensureEmptyDisk(claim, vol);
      return this.maybeExpand(pv, claim, vol);
    }
    // A shared volume is visible to every node: the selected one does the work.
    if (vol.shared && a[SELECTED_NODE_ANNOTATION] !== this.opts.nodeName) return;
    const phase = a[POPULATE_PHASE_ANNOTATION];
    // A populated volume grows once its data is in (the claim's next update brings it back here).
    if (phase === 'Succeeded' && !this.running.has(pvName)) await this.maybeExpand(pv, claim, vol);
    if (request.kind === 'upload') return this.uploads.sync(pvName, claim, vol.dir);
    if (phase === 'Succeeded' || phase === 'Failed' || this.running.has(pvName)) return;
    const restarts = Number(a[POPULATE_RESTARTS_ANNOTATION] ?? 0) + (phase === 'Running' ? 1 : 0);
    this.startPopulation(pvName, claim, vol, request, restarts);
  }

  private startPopulation(pvName: string, claim: PersistentVolumeClaim, vol: OwnedVolume, request: NonNullable<ReturnType<typeof parsePopulateRequest>>, restarts: number): void {
    const reporter = new ClaimReporter(this.opts.client, claim.metadata.namespace ?? 'default', claim.metadata.name!);
    const abort = new AbortController();
    const run = async () => {
      await reporter.start(restarts);
      try {
        await runPopulation(this.opts.client, this.roots, claim, vol.dir, request, abort.signal, (f) => reporter.progress(f));
        await reporter.succeeded(preallocationRequested(claim));
      } catch (e) {
        // Stopping the agent is not a failure: the claim stays Running and the next agent restarts it.
        if (abort.signal.aborted) return;
        await reporter.failed((e as Error).message);
      }
    };
    const done = run()
      .catch((e: unknown) => console.error(`node storage: population of ${pvName} failed unexpectedly: ${(e as Error).message}`))
      .finally(() => this.running.delete(pvName));
    this.running.set(pvName, { abort, done });
  }

  /** PVC expansion (expand.ts): a bound claim asking for more than its PV holds, with its disk.img here. */
  private async maybeExpand(pv: PersistentVolume, claim: PersistentVolumeClaim, vol: OwnedVolume): Promise<void> {
    if (!pendingExpansion(pv, claim) || !(await exists(join(vol.dir, 'disk.img')))) return;
    await expandVolume(this.opts.client, pv, claim, vol.dir);
  }

  /** A claim nobody populates gets an empty sparse disk.img of its usable size. */
  private async ensureEmptyDisk(claim: PersistentVolumeClaim, vol: OwnedVolume): Promise<void> {
    if (await exists(join(vol.dir, 'disk.img'))) return;
    const capacity = parseQuantity(String(claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? 0));
    await createBlank({ dir: vol.dir, sizeBytes: usableBytes(capacity, claim.spec?.volumeMode) });
  }

  private async cleanUp(pv: PersistentVolume, vol: OwnedVolume): Promise<void> {
    this.uploads.forget(pv.metadata.name!);
    const r = this.running.get(pv.metadata.name!);
    if (r) {
      r.abort.abort();
      await r.done;
    }
    await rm(vol.dir, { recursive: true, force: true });
    const finalizers = pv.metadata.finalizers ?? [];
    if (!finalizers.includes(VOLUME_CLEANUP_FINALIZER)) return;
    await this.opts.client
      .mergePatch(R.pvs, undefined, pv.metadata.name!, { metadata: { resourceVersion: pv.metadata.resourceVersion, finalizers: finalizers.filter((f) => f !== VOLUME_CLEANUP_FINALIZER) } })
      .catch((e: unknown) => {
        if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
      });
  }
}
