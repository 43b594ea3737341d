// Namespace deletion: everything inside a Terminating namespace is deleted, then the namespace's
// `kubernetes` finalizer is removed so the API server can drop it.
import type { KindDefinition } from '../../machinery/kind.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { Informer } from '../../client/informer.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { R } from '../../client/resources.ts';
import { refOf } from '../resource-refs.ts';

export class NamespaceController {
  private informer: Informer;
  private queue: WorkQueue;

  constructor(
    private readonly client: KubeClient,
    private readonly kinds: KindDefinition[],
  ) {
    this.informer = new Informer(client, R.namespaces);
    this.queue = new WorkQueue((k) => this.reconcile(k), 'namespace', 2);
    this.informer.on((_t, ns) => {
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
    });
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

  private async reconcile(name: string): Promise<void> {
    const ns = await this.client.tryGet<KubeObject>(R.namespaces, undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const def of this.kinds.filter((k) => k.namespaced)) {
      const ref = refOf(def);
      const list = await this.client.list(ref, name);
      for (const o of list.items) {
        remaining++;
        if (o.metadata.deletionTimestamp) continue;
        await this.client.delete(ref, name, o.metadata.name!, { propagationPolicy: 'Background' }).catch((e: unknown) => {
          if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
        });
      }
    }
    if (remaining > 0) {
      this.queue.addAfter(name, 300);
      return;
    }
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    const finalizers = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
    await this.client.update(R.namespaces, { ...ns, spec: { ...spec, finalizers } }).catch((e: unknown) => {
      if (!(e instanceof ApiStatusError && (e.code === 404 || e.code === 409))) throw e;
      if (e.code === 409) this.queue.add(name);
    });
  }
}
