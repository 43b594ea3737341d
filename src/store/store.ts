// The storage contract. Shaped like etcd's v3 KV so an etcd backend fits unchanged: every write
// gets a cluster-wide revision, writes compare-and-swap on the key's last revision, and watches
// replay history from a revision until it is compacted away.

export interface StoredValue {
  key: string;
  value: string;
  /** Revision of the write that created the key. */
  createRevision: number;
  /** Revision of the last write to the key (becomes the object's resourceVersion). */
  modRevision: number;
}

export interface WatchEvent {
  type: 'put' | 'delete';
  key: string;
  /** New value for put; the last value for delete. */
  value: string;
  /** The value before this write (undefined for a create). */
  prevValue?: string;
  /** Revision of this write. */
  revision: number;
  /** True when the put created the key. */
  created: boolean;
}

export interface ListResult {
  items: StoredValue[];
  /** The store revision the list reflects. */
  revision: number;
  /** Set when `limit` cut the list: pass as `startAfter` to continue. */
  more: boolean;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'AlreadyExists' | 'NotFound' | 'Conflict' | 'Compacted',
    message: string,
    /** For Conflict: the key's current revision; for Compacted: the compaction mark. */
    readonly revision?: number,
  ) {
    super(message);
  }
}

export interface Watcher {
  stop(): void;
}

export interface Store {
  /** The latest committed revision. */
  revision(): Promise<number>;
  get(key: string): Promise<StoredValue | undefined>;
  /**
   * Keys starting with `prefix`, in key order, after `startAfter` (exclusive) when given,
   * at most `limit` when given.
   */
  list(prefix: string, opts?: { limit?: number; startAfter?: string }): Promise<ListResult>;
  /** Fails with AlreadyExists when the key exists. Returns the new revision. */
  create(key: string, value: string): Promise<number>;
  /** Compare-and-swap: fails with Conflict unless the key's modRevision equals `expected`, NotFound when absent. */
  update(key: string, value: string, expected: number): Promise<number>;
  /** Compare-and-delete; `expected` undefined deletes unconditionally. Returns the delete's revision. */
  delete(key: string, expected?: number): Promise<number>;
  /**
   * Calls `onEvent` for every change under `prefix` with revision > `afterRevision`, in revision
   * order: first history, then live changes as they commit. Throws Compacted when history below
   * the mark was asked for. `onError` reports a broken watch (it is then stopped).
   */
  watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError?: (err: Error) => void): Promise<Watcher>;
  /** Drops history at and below `revision`. */
  compact(revision: number): Promise<void>;
  /** The compaction mark: watches must start above it. */
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}
