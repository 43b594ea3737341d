// Garbage collection by ownerReferences, as Kubernetes does it: dependents of a deleted owner are
// deleted (background), `orphan` deletion strips the owner from its dependents, and `foreground`
// deletion removes dependents before the owner.
import type { KindDefinition } from '../../machinery/kind.ts';
import { apiVersionOf } from '../../machinery/kind.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { ApiStatusError, type KubeClient, type ResourceRef } from '../../client/client.ts';
import { Informer } from '../../client/informer.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { refOf } from '../resource-refs.ts';

interface Entry {
  ref: ResourceRef;
  def: KindDefinition;
  informer: Informer;
}

const ignoreNotFound = (e: unknown) => {
  if (!(e instanceof ApiStatusError && (e.code === 404 || e.code === 409))) throw e;
};

export class GarbageCollector {
  private entries: Entry[] = [];
  private queue: WorkQueue;

  constructor(
    private readonly client: KubeClient,
    kinds: KindDefinition[],
  ) {
    this.entries = kinds.map((def) => ({ def, ref: refOf(def), informer: new Informer(client, refOf(def)) }));
    this.queue = new WorkQueue((k) => this.reconcile(k), 'gc', 2);
  }

  async start(): Promise<void> {
    for (const [i, e] of this.entries.entries()) {
      e.informer.on((type, obj) => {
        this.queue.add(`${i}|${obj.metadata.namespace ?? ''}|${obj.metadata.name}`);
        if (type === 'delete' || obj.metadata.deletionTimestamp) {
          for (const d of this.dependentsOf(obj)) this.queue.add(d);
        }
      });
      e.informer.start();
    }
    await Promise.all(this.entries.map((e) => e.informer.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all(this.entries.map((e) => e.informer.stop()));
  }

  /** Queue keys of every cached object whose ownerReferences name `owner`. */
  private dependentsOf(owner: KubeObject): string[] {
    const out: string[] = [];
    for (const [i, e] of this.entries.entries()) {
      for (const o of e.informer.list()) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) out.push(`${i}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
      }
    }
    return out;
  }

  private entryFor(apiVersion: string, kind: string): Entry | undefined {
    return this.entries.find((e) => apiVersionOf(e.def) === apiVersion && e.def.kind === kind);
  }

  /** The live owner, confirmed with the API server (a cache miss is not proof of absence). */
  private async owner(ns: string | undefined, r: { apiVersion: string; kind: string; name: string; uid: string }): Promise<KubeObject | undefined> {
    const e = this.entryFor(r.apiVersion, r.kind);
    if (!e) return undefined;
    const o = await this.client.tryGet(e.ref, e.def.namespaced ? ns : undefined, r.name);
    return o && o.metadata.uid === r.uid ? o : undefined;
  }

  private async reconcile(key: string): Promise<void> {
    const [idx, ns, name] = key.split('|');
    const e = this.entries[Number(idx)];
    const obj = await this.client.tryGet(e.ref, ns || undefined, name);
    if (!obj) return;
    const fin = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fin.includes('orphan')) await this.orphanDependents(obj, e);
    if (obj.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) await this.deleteDependentsFirst(obj, e);
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const alive: typeof refs = [];
    for (const r of refs) {
      const o = await this.owner(obj.metadata.namespace, r);
      if (o) alive.push(r);
    }
    if (alive.length === refs.length) return;
    if (alive.length === 0) {
      if (!obj.metadata.deletionTimestamp) {
        await this.client.delete(e.ref, obj.metadata.namespace, name, { propagationPolicy: 'Background', preconditions: { uid: obj.metadata.uid } }).catch(ignoreNotFound);
      }
      return;
    }
    await this.client.mergePatch(e.ref, obj.metadata.namespace, name, { metadata: { ownerReferences: alive } }).catch(ignoreNotFound);
  }

  private async dependents(owner: KubeObject): Promise<{ entry: Entry; obj: KubeObject }[]> {
    const out: { entry: Entry; obj: KubeObject }[] = [];
    for (const entry of this.entries) {
      if (entry.def.namespaced !== true && owner.metadata.namespace) continue;
      for (const o of entry.informer.list()) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) out.push({ entry, obj: o });
      }
    }
    return out;
  }

  private async orphanDependents(owner: KubeObject, e: Entry): Promise<void> {
    for (const { entry, obj } of await this.dependents(owner)) {
      const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      await this.client.mergePatch(entry.ref, obj.metadata.namespace, obj.metadata.name!, { metadata: { ownerReferences: refs.length ? refs : null } }).catch(ignoreNotFound);
    }
    await this.removeFinalizer(owner, e, 'orphan');
  }

  private async deleteDependentsFirst(owner: KubeObject, e: Entry): Promise<void> {
    const deps = await this.dependents(owner);
    for (const { entry, obj } of deps) {
      if (!obj.metadata.deletionTimestamp) {
        await this.client.delete(entry.ref, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Foreground' }).catch(ignoreNotFound);
      }
    }
    const blocking = deps.filter(({ obj }) => obj.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion));
    if (blocking.length > 0) {
      // Re-check once they are gone; their delete events also requeue the owner's dependents.
      this.queue.addAfter(`${this.entries.indexOf(e)}|${owner.metadata.namespace ?? ''}|${owner.metadata.name}`, 500);
      return;
    }
    await this.removeFinalizer(owner, e, 'foregroundDeletion');
  }

  private async removeFinalizer(obj: KubeObject, e: Entry, finalizer: string): Promise<void> {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.client
      .mergePatch(e.ref, obj.metadata.namespace, obj.metadata.name!, { metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion } })
      .catch(ignoreNotFound);
  }
}
