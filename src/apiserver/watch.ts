// Watch streams: newline-delimited JSON events over a chunked 200 response, resumable from any
// resourceVersion above the compaction mark, with Kubernetes' selector semantics (an object that
// stops matching is reported DELETED, one that starts matching ADDED).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KindDefinition } from '../machinery/kind.ts';
import { apiVersionOf } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';
import { StoreError, type Store, type WatchEvent } from '../store/store.ts';
import { resourcePrefix } from './kind-index.ts';
import type { ObjectService } from './objects.ts';
import { ApiError, expired } from './status.ts';
import { table, type IncludeObject } from './table.ts';

export interface WatchRequest {
  def: KindDefinition;
  namespace?: string;
  matches: (obj: KubeObject) => boolean;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
  asTable?: IncludeObject;
}

const BOOKMARK_INTERVAL_MS = 10_000;

export async function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  objects: ObjectService,
  w: WatchRequest,
): Promise<void> {
  const { def } = w;
  let sentColumns = false;
  let lastRevision = 0;
  const encode = (type: string, obj: KubeObject | Record<string, unknown>): string => {
    let object: unknown = obj;
    if (w.asTable && type !== 'BOOKMARK' && type !== 'ERROR') {
      const o = obj as KubeObject;
      object = table(def, [o], { resourceVersion: o.metadata.resourceVersion ?? '' }, w.asTable, !sentColumns);
      sentColumns = true;
    }
    return `${JSON.stringify({ type, object })}\n`;
  };

  let startRev: number;
  const initial: KubeObject[] = [];
  if (!w.resourceVersion || w.resourceVersion === '0') {
    const list = await objects.list(def, w.namespace);
    startRev = Number(list.resourceVersion);
    for (const o of list.items) if (w.matches(o)) initial.push(o);
  } else {
    startRev = Number(w.resourceVersion);
    if (!Number.isInteger(startRev) || startRev < 0) throw new ApiError(400, 'BadRequest', `invalid resourceVersion "${w.resourceVersion}"`);
  }
  lastRevision = startRev;

  // No Content-Length: HTTP/1.1 sends it chunked, HTTP/2 as DATA frames (which forbids a Transfer-Encoding header).
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  for (const o of initial) res.write(encode('ADDED', o));

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const t of timers) clearTimeout(t);
    watcher?.stop();
    res.end();
  };
  req.on('close', finish);
  res.on('close', finish);

  const decodeValue = (value: string, revision: number): KubeObject => {
    const o = JSON.parse(value) as KubeObject;
    o.metadata.resourceVersion = String(revision);
    return o;
  };
  const onEvent = (e: WatchEvent) => {
    if (closed) return;
    lastRevision = e.revision;
    const now = e.type === 'put' ? decodeValue(e.value, e.revision) : undefined;
    const before = e.prevValue !== undefined ? decodeValue(e.prevValue, e.revision) : undefined;
    const wasIn = before ? w.matches(before) : false;
    if (e.type === 'delete') {
      if (wasIn || (!before && w.matches(decodeValue(e.value, e.revision)))) {
        res.write(encode('DELETED', decodeValue(e.value, e.revision)));
      }
      return;
    }
    const isIn = w.matches(now!);
    if (isIn && (e.created || !wasIn)) res.write(encode('ADDED', now!));
    else if (isIn) res.write(encode('MODIFIED', now!));
    else if (wasIn) res.write(encode('DELETED', now!));
  };
  let watcher: { stop(): void } | undefined;
  try {
    watcher = await store.watch(resourcePrefix(def, w.namespace), startRev, onEvent, (err) => {
      // etcd may report a compaction only once the watch runs (another API server compacted).
      const status = err instanceof StoreError && err.code === 'Compacted'
        ? expired(`too old resource version: ${startRev} (${err.revision ?? 0})`).toStatus()
        : new ApiError(500, 'InternalError', err.message).toStatus();
      if (!closed) res.write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      finish();
    });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'Compacted') {
      const status = expired(`too old resource version: ${startRev} (${e.revision ?? 0})`).toStatus();
      res.write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      finish();
      return;
    }
    throw e;
  }
  if (closed) watcher.stop();

  const timeoutMs = (w.timeoutSeconds && w.timeoutSeconds > 0 ? w.timeoutSeconds : 1800) * 1000;
  timers.push(setTimeout(finish, timeoutMs));
  if (w.bookmarks) {
    const tick = () => {
      if (closed) return;
      res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(lastRevision) } } })}\n`);
      timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
    };
    timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
  }
}
