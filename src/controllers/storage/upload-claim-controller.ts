// CDI's upload controller for plain claims (`vireo image-upload pvc`, `virtctl image-upload pvc`):
// a PersistentVolumeClaim carrying `cdi.kubevirt.io/storage.upload.target` and no DataVolume gets
// the populate request `upload` and a node to receive it — the node of its volume when it has one,
// else the first Ready storage node. As CDI's upload pod consumes the claim, a WaitForFirstConsumer
// claim is thereby bound at once. Claims of DataVolumes are the DataVolume controller's.
import type { Node } from '../../api/core/node.ts';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { storageNodes } from './classes.ts';
import { POPULATE_REQUEST_ANNOTATION, SELECTED_NODE_ANNOTATION, UPLOAD_TARGET_ANNOTATION, type UploadPopulate } from './protocol.ts';
import { pvNode } from './pv-build.ts';

/** A claim this controller still has to turn into an upload target. */
export function wantsUploadRequest(pvc: PersistentVolumeClaim): boolean {
  const a = pvc.metadata.annotations ?? {};
  return (
    a[UPLOAD_TARGET_ANNOTATION] !== undefined &&
    a[POPULATE_REQUEST_ANNOTATION] === undefined &&
    !pvc.metadata.deletionTimestamp &&
    !pvc.metadata.ownerReferences?.some((r) => r.kind === 'DataVolume')
  );
}

export class UploadClaimController {
  private pvcs: Informer<PersistentVolumeClaim>;
  private nodes: Informer<Node>;
  private queue: WorkQueue;

  constructor(private readonly client: KubeClient) {
    this.pvcs = new Informer(client, R.pvcs);
    this.nodes = new Informer(client, R.nodes);
    this.queue = new WorkQueue((k) => this.reconcile(k), 'upload-claim-controller', 2);
    this.pvcs.on((_t, pvc) => {
      if (wantsUploadRequest(pvc)) this.queue.add(objectKey(pvc));
    });
    // A storage node appearing unblocks claims that had nowhere to go.
    this.nodes.on(() => {
      for (const pvc of this.pvcs.list()) if (wantsUploadRequest(pvc)) this.queue.add(objectKey(pvc));
    });
  }

  async start(): Promise<void> {
    this.pvcs.start();
    this.nodes.start();
    await Promise.all([this.pvcs.waitForSync(), this.nodes.waitForSync()]);
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all([this.pvcs.stop(), this.nodes.stop()]);
  }

  private async reconcile(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
    if (!pvc || !wantsUploadRequest(pvc)) return;
    const node = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION] ?? (await this.nodeOf(pvc));
    if (!node) {
      this.queue.addAfter(key, 2000);
      return;
    }
    const request: UploadPopulate = { kind: 'upload' };
    try {
      await this.client.mergePatch(R.pvcs, ns, name, {
        metadata: { resourceVersion: pvc.metadata.resourceVersion, annotations: { [POPULATE_REQUEST_ANNOTATION]: JSON.stringify(request), [SELECTED_NODE_ANNOTATION]: node } },
      });
    } catch (e) {
      // Changed meanwhile: the watch brings the new version back here.
      if (!(e instanceof ApiStatusError && (e.code === 409 || e.code === 404))) throw e;
    }
  }

  /** The node holding the claim's volume, else where a new one would go. */
  private async nodeOf(pvc: PersistentVolumeClaim): Promise<string | undefined> {
    const volume = pvc.spec?.volumeName;
    const pv = volume ? await this.client.tryGet<PersistentVolume>(R.pvs, undefined, volume) : undefined;
    return (pv && pvNode(pv)) ?? storageNodes(this.nodes.list())[0]?.metadata.name;
  }
}
