// The volume provisioner and binder for Vireo's classes (`vireo.io/local`, `vireo.io/shared`):
// a claim without a volume gets a PV `pvc-<uid>` (on a Ready node for local, under the shared
// directory for shared), and both are marked Bound. When the claim goes, the PV is Released and,
// with reclaim policy Delete, deleted; its cleanup finalizer holds it until the node agent has
// removed the files. The files themselves are the node's job (src/node/storage/).
//
// WaitForFirstConsumer claims wait for `volume.kubernetes.io/selected-node`. The DataVolume
// controller sets it when it creates a claim; for other claims this controller sets it once a VMI
// that uses the claim has a node (the VMI may fail its first start on the unbound claim; a VM's
// run strategy then starts it again, this time with the volume in place).
import type { Node } from '../../api/core/node.ts';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { StorageClass } from '../../api/storage/storageclass.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { OUR_PROVISIONERS, classOf, sharedRoot, storageNodes, volumeRootOf } from './classes.ts';
import { PROVISIONER_LOCAL, SELECTED_NODE_ANNOTATION, STORAGE_PROVISIONER_ANNOTATION } from './protocol.ts';
import { buildPv, pvNameFor } from './pv-build.ts';

const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

export class ProvisionerController {
  private pvcs: Informer<PersistentVolumeClaim>;
  private pvs: Informer<PersistentVolume>;
  private classes: Informer<StorageClass>;
  private nodes: Informer<Node>;
  private vmis: Informer<VirtualMachineInstance>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.pvcs = new Informer(client, R.pvcs);
    this.pvs = new Informer(client, R.pvs);
    this.classes = new Informer(client, R.storageclasses);
    this.nodes = new Informer(client, R.nodes);
    this.vmis = new Informer(client, R.vmis);
    this.queue = new WorkQueue((k) => this.sync(k), 'volume-provisioner', 4);
    this.events = new EventRecorder(client, 'persistentvolume-controller');
    this.pvcs.on((_t, pvc) => {
      this.queue.add(`pvc:${objectKey(pvc)}`);
      // A claim that goes releases its volume.
      if (pvc.spec?.volumeName) this.queue.add(`pv:${pvc.spec.volumeName}`);
    });
    this.pvs.on((_t, pv) => {
      this.queue.add(`pv:${pv.metadata.name}`);
      const ref = pv.spec?.claimRef;
      if (ref?.name) this.queue.add(`pvc:${ref.namespace}/${ref.name}`);
    });
    // A node becoming Ready (or publishing its volume root) may unblock pending claims.
    this.nodes.on(() => this.requeuePending());
    this.classes.on(() => this.requeuePending());
    this.vmis.on((_t, vmi) => this.selectNodeForConsumer(vmi));
  }

  async start(): Promise<void> {
    for (const i of [this.pvcs, this.pvs, this.classes, this.nodes, this.vmis]) i.start();
    await Promise.all([this.pvcs, this.pvs, this.classes, this.nodes, this.vmis].map((i) => i.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all([this.pvcs, this.pvs, this.classes, this.nodes, this.vmis].map((i) => i.stop()));
  }

  private requeuePending(): void {
    for (const pvc of this.pvcs.list()) if (!pvc.spec?.volumeName) this.queue.add(`pvc:${objectKey(pvc)}`);
  }

  private async sync(key: string): Promise<void> {
    try {
      if (key.startsWith('pvc:')) await this.syncClaim(key.slice(4));
      else await this.syncVolume(key.slice(3));
    } catch (e) {
      if (!isCode(e, 409)) throw e;
      this.queue.add(key); // lost a race: read again
    }
  }

  private async syncClaim(key: string): Promise<void> {
    const [ns, name] = key.split('/');
    const pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    if (pvc.spec?.volumeName) return this.finishBinding(pvc, pvc.spec.volumeName);
    const sc = classOf(pvc, this.classes.list());
    if (!sc || !OUR_PROVISIONERS.includes(sc.provisioner)) return; // static binding or another provisioner: not ours
    const nodes = storageNodes(this.nodes.list());
    let node: string | undefined;
    let root: string | undefined;
    if (sc.provisioner === PROVISIONER_LOCAL) {
      if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
        node = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
        if (!node) {
          await this.events.record(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
          return;
        }
      } else {
        node = nodes[0]?.metadata.name;
      }
      root = volumeRootOf(nodes.find((n) => n.metadata.name === node));
      if (!node || !root) {
        await this.events.record(pvc, 'Warning', 'ProvisioningFailed', node ? `node ${node} is not Ready or publishes no volume root` : 'no Ready node with a volume root to provision on');
        return;
      }
    } else {
      root = sharedRoot(sc, this.nodes.list());
      if (!root) {
        await this.events.record(pvc, 'Warning', 'ProvisioningFailed', `StorageClass ${sc.metadata.name} has no path parameter and no Ready node publishes a shared directory`);
        return;
      }
    }
    if (pvc.metadata.annotations?.[STORAGE_PROVISIONER_ANNOTATION] !== sc.provisioner) {
      await this.client.mergePatch(R.pvcs, ns, name, { metadata: { annotations: { [STORAGE_PROVISIONER_ANNOTATION]: sc.provisioner } } });
    }
    const pv = buildPv(pvc, sc, { node, root });
    try {
      await this.client.create(R.pvs, undefined, pv);
      await this.events.record(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}${node ? ` on node ${node}` : ''}`);
    } catch (e) {
      if (!isCode(e, 409)) {
        await this.events.record(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume: ${(e as Error).message}`);
        throw e;
      }
    }
    await this.client.mergePatch(R.pvcs, ns, name, { spec: { volumeName: pvNameFor(pvc) } });
    const fresh = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
    if (fresh) await this.finishBinding(fresh, pvNameFor(pvc));
  }

  /** PV and claim both Bound, with the capacity and access modes of the PV on the claim. */
  private async finishBinding(pvc: PersistentVolumeClaim, pvName: string): Promise<void> {
    const pv = await this.client.tryGet<PersistentVolume>(R.pvs, undefined, pvName);
    if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata.uid) return;
    if (pv.status?.phase !== 'Bound' && !pv.metadata.deletionTimestamp) {
      await this.client.updateStatus(R.pvs, { ...pv, status: { ...pv.status, phase: 'Bound', lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } });
    }
    const st = pvc.status;
    // Binding sets the claim's capacity; after that only an expansion (the node agent) changes it.
    const capacity = st?.phase === 'Bound' && st.capacity?.storage !== undefined ? st.capacity : (pv.spec?.capacity ?? {});
    const accessModes = pv.spec?.accessModes ?? [];
    if (st?.phase === 'Bound' && st.capacity?.storage === capacity.storage && JSON.stringify(st.accessModes) === JSON.stringify(accessModes)) return;
    await this.client.updateStatus(R.pvcs, { ...pvc, status: { ...st, phase: 'Bound', capacity, accessModes } });
  }

  /** A PV whose claim is gone is Released; with reclaim policy Delete it is then deleted. */
  private async syncVolume(name: string): Promise<void> {
    const pv = await this.client.tryGet<PersistentVolume>(R.pvs, undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref?.name) return;
    const pvc = await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ref.namespace, ref.name);
    if (pvc && pvc.metadata.uid === ref.uid) return;
    if (pv.status?.phase !== 'Released') {
      await this.client.updateStatus(R.pvs, { ...pv, status: { ...pv.status, phase: 'Released' } });
    }
    if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      await this.client.delete(R.pvs, undefined, name).catch((e: unknown) => {
        if (!isCode(e, 404)) throw e;
      });
    }
  }

  /** WaitForFirstConsumer: the first VMI placed on a node decides where its claims' volumes go. */
  private selectNodeForConsumer(vmi: VirtualMachineInstance): void {
    const node = vmi.status?.nodeName;
    if (!node || vmi.metadata.deletionTimestamp) return;
    for (const vol of vmi.spec?.volumes ?? []) {
      const claim = vol.persistentVolumeClaim?.claimName ?? vol.dataVolume?.name;
      if (!claim) continue;
      const pvc = this.pvcs.get(`${vmi.metadata.namespace}/${claim}`);
      if (!pvc || pvc.spec?.volumeName || pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION]) continue;
      const sc = classOf(pvc, this.classes.list());
      if (sc?.provisioner !== PROVISIONER_LOCAL || sc.volumeBindingMode !== 'WaitForFirstConsumer') continue;
      this.client
        .mergePatch(R.pvcs, pvc.metadata.namespace, claim, { metadata: { annotations: { [SELECTED_NODE_ANNOTATION]: node } } })
        .catch((e: unknown) => console.error(`volume-provisioner: cannot select node ${node} for ${objectKey(pvc)}: ${(e as Error).message}`));
    }
  }
}
