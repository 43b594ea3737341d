// The upload targets this node holds: claims whose populate request is `upload` (DataVolumes with
// `source.upload`, claims `image-upload pvc` marked). Each is announced Ready (CDI's upload server
// running and ready) once its volume directory exists here, then receives at most one upload at a
// time through the agent endpoint (upload-receiver.ts). An agent that restarts during an upload
// finds the claim Running with nobody receiving: it counts a restart, drops the scratch files and
// announces the target Ready again. Nothing here touches disk.img before finalize.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { KubeClient } from '../../client/client.ts';
import { POPULATE_PHASE_ANNOTATION, POPULATE_RESTARTS_ANNOTATION } from '../../controllers/storage/protocol.ts';
import { clearScratch } from '../../importer/finalize.ts';
import type { UploadRoute } from '../endpoint/upload-route.ts';
import { ClaimReporter } from './reporter.ts';
import { receive, reply, type UploadTarget } from './upload-receiver.ts';

export class UploadTargets {
  /** By claim `namespace/name`. */
  private targets = new Map<string, UploadTarget>();

  constructor(
    private readonly client: KubeClient,
    private readonly nodeName: string,
  ) {}

  /** Called by NodeStorage for every bound upload claim whose volume is on this node. */
  async sync(pvName: string, claim: PersistentVolumeClaim, dir: string): Promise<void> {
    const ns = claim.metadata.namespace ?? 'default';
    const key = `${ns}/${claim.metadata.name}`;
    const existing = this.targets.get(key);
    if (existing && existing.uid === claim.metadata.uid) {
      existing.claim = claim;
      return;
    }
    if (existing) this.drop(existing); // a new claim of the same name
    const a = claim.metadata.annotations ?? {};
    const phase = a[POPULATE_PHASE_ANNOTATION];
    const target: UploadTarget = {
      key,
      pvName,
      uid: claim.metadata.uid,
      dir,
      claim,
      state: phase === 'Succeeded' || phase === 'Failed' ? 'done' : 'ready',
      reporter: new ClaimReporter(this.client, ns, claim.metadata.name!, true),
    };
    if (phase === undefined) await target.reporter.ready(null, 0);
    else if (phase === 'Running') {
      await clearScratch(dir);
      const restarts = Number(a[POPULATE_RESTARTS_ANNOTATION] ?? 0) + 1;
      await target.reporter.ready('the node agent restarted during the upload; upload the image again', restarts);
    }
    // Only now: a target that could not be set up is tried again on the next sync.
    this.targets.set(key, target);
  }

  /** Serves one request of the agent endpoint's upload path. */
  async handle(req: IncomingMessage, res: ServerResponse, route: UploadRoute): Promise<void> {
    const target = this.targets.get(`${route.namespace}/${route.name}`);
    if (!target) {
      reply(res, 404, `PersistentVolumeClaim ${route.namespace}/${route.name} is not an upload target ready on node ${this.nodeName}`);
      return;
    }
    await receive(target, req, res, route);
  }

  /** The PV is going: an upload in flight is cut off, and the target forgotten. */
  forget(pvName: string): void {
    for (const t of this.targets.values()) if (t.pvName === pvName) this.drop(t);
  }

  /** Cuts off uploads in flight without reporting: their claims stay Running for the next agent. */
  stop(): void {
    for (const t of this.targets.values()) this.drop(t);
  }

  private drop(t: UploadTarget): void {
    t.dropped = true;
    t.request?.destroy();
    this.targets.delete(t.key);
  }
}
