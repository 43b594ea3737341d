// A list-then-watch cache of one resource, kept current across dropped streams and 410 Expired
// (relist). Controllers read from it and react to its events; it never writes.
import type { KubeObject } from '../machinery/object.ts';
import { ApiStatusError, resourcePath, type KubeClient, type ResourceRef } from './client.ts';

export type InformerEvent = 'add' | 'update' | 'delete';
export type InformerHandler<T extends KubeObject> = (type: InformerEvent, obj: T, old?: T) => void;

export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? '');
}

export class Informer<T extends KubeObject = KubeObject> {
  private cache = new Map<string, T>();
  private handlers: InformerHandler<T>[] = [];
  private abort = new AbortController();
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly client: KubeClient,
    readonly ref: ResourceRef,
    private readonly opts: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ) {}

  on(h: InformerHandler<T>): void {
    this.handlers.push(h);
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  start(): void {
    this.running ??= this.run();
  }

  async waitForSync(): Promise<void> {
    if (this.synced) return;
    await new Promise<void>((r) => this.syncWaiters.push(r));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private emit(type: InformerEvent, obj: T, old?: T): void {
    for (const h of this.handlers) {
      try {
        h(type, obj, old);
      } catch (e) {
        console.error(`informer ${this.ref.plural}: handler failed`, e);
      }
    }
  }

  private query() {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  private async relist(): Promise<string> {
    const list = await this.client.list<T>(this.ref, this.opts.namespace, this.query());
    const seen = new Set<string>();
    for (const o of list.items) {
      const k = objectKey(o);
      seen.add(k);
      const old = this.cache.get(k);
      this.cache.set(k, o);
      if (!old) this.emit('add', o);
      else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.emit('update', o, old);
    }
    for (const [k, o] of this.cache) {
      if (!seen.has(k)) {
        this.cache.delete(k);
        this.emit('delete', o);
      }
    }
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
    return list.metadata.resourceVersion;
  }

  private async run(): Promise<void> {
    let rv: string | undefined;
    let backoff = 100;
    while (!this.abort.signal.aborted) {
      try {
        rv ??= await this.relist();
        const path = resourcePath(this.ref, this.opts.namespace);
        for await (const ev of this.client.watch<T>(path, rv, { signal: this.abort.signal, query: { ...this.query(), timeoutSeconds: 300 } })) {
          backoff = 100;
          if (ev.type === 'BOOKMARK') {
            rv = ev.object.metadata.resourceVersion ?? rv;
            continue;
          }
          if (ev.type === 'ERROR') {
            const status = ev.object as unknown as { code?: number };
            if (status.code === 410) rv = undefined;
            break;
          }
          const o = ev.object;
          rv = o.metadata.resourceVersion ?? rv;
          const k = objectKey(o);
          const old = this.cache.get(k);
          if (ev.type === 'DELETED') {
            this.cache.delete(k);
            this.emit('delete', o);
          } else {
            this.cache.set(k, o);
            this.emit(old ? 'update' : 'add', o, old);
          }
        }
      } catch (e) {
        if (this.abort.signal.aborted) return;
        if (e instanceof ApiStatusError && e.code === 410) rv = undefined;
        else console.error(`informer ${this.ref.plural}: watch failed, retrying: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }
}
