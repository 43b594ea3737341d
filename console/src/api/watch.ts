// One cached watch per resource path: list, then watch from the list's resourceVersion over a
// streamed fetch (newline-delimited JSON events), resuming from the last seen resourceVersion when the
// stream ends and listing afresh on 410 Expired. Screens subscribe; the first subscriber starts the
// watch and the last one to leave stops it. No polling: the only waits are back-offs after errors.
import type { ApiClient } from './client.ts';
import { ApiRequestError } from './client.ts';
import { key } from './resources.ts';
import type { KubeObject } from './types.ts';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T | { kind?: string; code?: number; message?: string; metadata?: { resourceVersion?: string } };
}

export interface CacheState<T> {
  items: T[];
  loaded: boolean;
  error?: string;
}

/** Splits a growing text stream into complete lines; the tail waits for its newline. */
export class LineSplitter {
  private buf = '';
  push(chunk: string): string[] {
    this.buf += chunk;
    const parts = this.buf.split('\n');
    this.buf = parts.pop() ?? '';
    return parts.filter((l) => l.trim() !== '');
  }
}

/** Applies one watch event to the map; returns the new resourceVersion, or 'expired' on 410. */
export function applyEvent<T extends KubeObject>(items: Map<string, T>, ev: WatchEvent<T>): string | 'expired' | undefined {
  if (ev.type === 'ERROR') {
    const code = (ev.object as { code?: number }).code;
    if (code === 410) return 'expired';
    throw new Error((ev.object as { message?: string }).message ?? 'watch error');
  }
  const obj = ev.object as T;
  const rv = obj.metadata?.resourceVersion;
  if (ev.type === 'ADDED' || ev.type === 'MODIFIED') items.set(key(obj), obj);
  else if (ev.type === 'DELETED') items.delete(key(obj));
  return rv;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

export class WatchCache<T extends KubeObject> {
  private items = new Map<string, T>();
  private listeners = new Set<() => void>();
  private abort?: AbortController;
  private state: CacheState<T> = { items: [], loaded: false };

  constructor(
    private readonly client: ApiClient,
    readonly path: string,
  ) {}

  getState = (): CacheState<T> => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  };

  private publish(error?: string): void {
    this.state = { items: [...this.items.values()], loaded: true, error };
    for (const l of this.listeners) l();
  }

  private start(): void {
    const ac = new AbortController();
    this.abort = ac;
    void this.run(ac.signal);
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let rv: string | undefined;
    let backoff = 500;
    while (!signal.aborted) {
      try {
        if (rv === undefined) {
          const list = await this.client.list<T>(this.path, signal);
          this.items = new Map(list.items.map((o) => [key(o), o]));
          rv = list.metadata.resourceVersion ?? '0';
          this.publish();
        }
        const res = await this.client.watch(this.path, rv, signal);
        backoff = 500;
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        const lines = new LineSplitter();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          let changed = false;
          for (const line of lines.push(value)) {
            const ev = JSON.parse(line) as WatchEvent<T>;
            const next = applyEvent(this.items, ev);
            if (next === 'expired') {
              rv = undefined;
              break;
            }
            if (next) rv = next;
            if (ev.type !== 'BOOKMARK') changed = true;
          }
          if (changed) this.publish();
          if (rv === undefined) {
            await reader.cancel();
            break;
          }
        }
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiRequestError && e.code === 410) rv = undefined;
        this.publish((e as Error).message);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }
}

/** The shared caches, one per client and path. */
export class WatchRegistry {
  private caches = new Map<string, WatchCache<KubeObject>>();
  constructor(readonly client: ApiClient) {}

  get<T extends KubeObject>(path: string): WatchCache<T> {
    let c = this.caches.get(path);
    if (!c) {
      c = new WatchCache<KubeObject>(this.client, path);
      this.caches.set(path, c);
    }
    return c as unknown as WatchCache<T>;
  }
}
