// etcd watch events (asked for with prev_kv) as the Store's WatchEvents.
import type { IEvent } from 'etcd3';
import type { WatchEvent } from '../store.ts';
import type { KeySpace } from './keys.ts';

/**
 * The WatchEvent of `ev`, or undefined when etcd could not send the previous value a delete or
 * an update needs (it was compacted away while the watch replayed history).
 */
export function toWatchEvent(ev: IEvent, keys: KeySpace): WatchEvent | undefined {
  const key = keys.decode(ev.kv.key);
  const revision = Number(ev.kv.mod_revision);
  const prev = ev.prev_kv ? ev.prev_kv.value.toString('utf8') : undefined;
  if (ev.type === 'Delete') {
    if (prev === undefined) return undefined;
    return { type: 'delete', key, value: prev, prevValue: prev, revision, created: false };
  }
  const created = ev.kv.create_revision === ev.kv.mod_revision;
  if (!created && prev === undefined) return undefined;
  const e: WatchEvent = { type: 'put', key, value: ev.kv.value.toString('utf8'), revision, created };
  if (!created) e.prevValue = prev;
  return e;
}
