// The cluster store: etcd over its v3 gRPC API. The Store contract is etcd's KV model, so the
// mapping is direct: revisions are etcd's, writes are transactions comparing the key's
// create/mod revision, lists are ranges, watches are etcd watches with prev_kv. Keys live under a
// cluster prefix. Several API servers may share one etcd: nothing here keeps state that etcd does
// not have, except the compaction mark last seen (etcd has no call that returns it).
import type { Etcd3, ICompare, IKeyValue, IRequestOp } from 'etcd3';
import { StoreError } from '../store.ts';
import type { ListResult, Store, StoredValue, WatchEvent, Watcher } from '../store.ts';
import { Subscription } from '../subscription.ts';
import { connectEtcd, type EtcdConnectOptions } from './connect.ts';
import { isCompactedError, isFutureRevisionError } from './errors.ts';
import { KeySpace } from './keys.ts';
import { isBelowMark, probeMark } from './mark.ts';
import { EtcdWatch, type WatchContext } from './watch-stream.ts';

export const DEFAULT_ETCD_PREFIX = '/vireo/';

export interface EtcdStoreOptions extends EtcdConnectOptions {
  /** Prefix of every key this store writes (default /vireo/), so clusters can share an etcd. */
  prefix?: string;
  /** How long a broken watch tries to reconnect before reporting the failure (default 60000). */
  watchRetryMs?: number;
}

export class EtcdStore implements Store {
  private mark = 0;
  private closed = false;
  private readonly watches = new Map<Subscription, EtcdWatch>();
  private readonly watchContext: WatchContext;

  /** Connects, and learns etcd's compaction mark (which also proves etcd answers). */
  static async open(opts: EtcdStoreOptions): Promise<EtcdStore> {
    const client = connectEtcd(opts);
    const store = new EtcdStore(client, new KeySpace(opts.prefix ?? DEFAULT_ETCD_PREFIX), opts.watchRetryMs ?? 60_000);
    try {
      store.mark = await probeMark(client, store.keys, 10_000);
    } catch (err) {
      client.close();
      throw new Error(`cannot use etcd at ${opts.endpoints.join(', ')}: ${(err as Error).message}`, { cause: err });
    }
    return store;
  }

  private constructor(
    private readonly client: Etcd3,
    private readonly keys: KeySpace,
    watchRetryMs: number,
  ) {
    this.watchContext = {
      client,
      keys,
      learnMark: (rev) => (this.mark = Math.max(this.mark, rev)),
      retryForMs: watchRetryMs,
      createTimeoutMs: 10_000,
    };
  }

  async revision(): Promise<number> {
    this.assertOpen();
    const res = await this.client.kv.range({ key: this.keys.anyKey(), count_only: true });
    return Number(res.header.revision);
  }

  async get(key: string): Promise<StoredValue | undefined> {
    this.assertOpen();
    const res = await this.client.kv.range({ key: this.keys.encode(key) });
    return res.kvs[0] && this.toStored(res.kvs[0]);
  }

  async list(prefix: string, opts: { limit?: number; startAfter?: string } = {}): Promise<ListResult> {
    this.assertOpen();
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : 0; // etcd: 0 is no limit
    const res = await this.client.kv.range({ ...this.keys.range(prefix, opts.startAfter), limit });
    return { items: res.kvs.map((kv) => this.toStored(kv)), revision: Number(res.header.revision), more: res.more };
  }

  async create(key: string, value: string): Promise<number> {
    this.assertOpen();
    const k = this.keys.encode(key);
    const res = await this.client.kv.txn({
      compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value, 'utf8') } }],
    });
    if (!res.succeeded) throw new StoreError('AlreadyExists', `${key} already exists`);
    return Number(res.header.revision);
  }

  async update(key: string, value: string, expected: number): Promise<number> {
    return this.write(key, expected, { request_put: { key: this.keys.encode(key), value: Buffer.from(value, 'utf8') } });
  }

  async delete(key: string, expected?: number): Promise<number> {
    return this.write(key, expected, { request_delete_range: { key: this.keys.encode(key) } });
  }

  async watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError?: (err: Error) => void): Promise<Watcher> {
    this.assertOpen();
    if (!Number.isSafeInteger(afterRevision) || afterRevision < 0) throw new RangeError(`bad watch revision ${afterRevision}`);
    // The contract refuses a watch from below the mark up front; etcd cancels one only after
    // creating it (and lets a start at the mark itself through, with prev_kv already gone). Our
    // mark is stale if another API server compacted: a read at afterRevision fails exactly when
    // afterRevision is below etcd's.
    if (afterRevision >= this.mark && (await isBelowMark(this.client, this.keys, Math.max(afterRevision, 1)).catch(futureIsFine))) {
      this.mark = Math.max(this.mark, await probeMark(this.client, this.keys, 10_000));
    }
    if (afterRevision < this.mark) {
      throw new StoreError('Compacted', `revision ${afterRevision} is compacted (mark ${this.mark})`, this.mark);
    }
    this.assertOpen(); // closed while we asked
    const sub = new Subscription(prefix, afterRevision, onEvent, onError, (s) => {
      this.watches.get(s)?.close();
      this.watches.delete(s);
    });
    const w = new EtcdWatch(sub, prefix, this.watchContext);
    this.watches.set(sub, w);
    await w.start();
    return sub;
  }

  async compact(revision: number): Promise<void> {
    this.assertOpen();
    if (revision <= this.mark) return;
    try {
      // physical: answer once the history is gone, so nothing replays what the mark dropped.
      await this.client.kv.compact({ revision, physical: true });
      this.mark = revision;
    } catch (err) {
      if (isFutureRevisionError(err)) {
        throw new Error(`cannot compact to a future revision ${revision}: etcd is at ${await this.revision()}`, { cause: err });
      }
      if (!isCompactedError(err)) throw err;
      // Another API server compacted further already: learn how far.
      this.mark = Math.max(this.mark, await probeMark(this.client, this.keys, 10_000));
    }
  }

  async compactedRevision(): Promise<number> {
    this.assertOpen();
    return this.mark;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sub of [...this.watches.keys()]) sub.end(new Error('store closed'));
    this.client.close();
  }

  /**
   * A compare-and-swap write of an existing key: `op` runs when the key exists (and is at
   * `expected`, when given); otherwise the key is read in the same transaction to say why not.
   */
  private async write(key: string, expected: number | undefined, op: IRequestOp): Promise<number> {
    this.assertOpen();
    const k = this.keys.encode(key);
    const compare: ICompare[] = [{ key: k, target: 'Create', result: 'Greater', create_revision: 0 }];
    if (expected !== undefined) compare.push({ key: k, target: 'Mod', result: 'Equal', mod_revision: expected });
    const res = await this.client.kv.txn({ compare, success: [op], failure: [{ request_range: { key: k } }] });
    if (res.succeeded) return Number(res.header.revision);
    const cur = res.responses[0]?.response_range?.kvs[0];
    if (!cur) throw new StoreError('NotFound', `${key} not found`);
    const rev = Number(cur.mod_revision);
    throw new StoreError('Conflict', `${key} is at revision ${rev}, not ${expected}`, rev);
  }

  private toStored(kv: IKeyValue): StoredValue {
    return { key: this.keys.decode(kv.key), value: kv.value.toString('utf8'), createRevision: Number(kv.create_revision), modRevision: Number(kv.mod_revision) };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}

/** A watch from a revision etcd has not reached yet is fine: it starts there. */
function futureIsFine(err: unknown): false {
  if (isFutureRevisionError(err)) return false;
  throw err;
}
