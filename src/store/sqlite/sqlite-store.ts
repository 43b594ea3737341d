// The embedded store: SQLite through better-sqlite3, laid out like kine (a `log` of every write and
// a `kv` table of current state). One connection, one process (EXCLUSIVE lock, see schema.ts), and
// better-sqlite3 runs each statement synchronously on the JS thread: a write's transaction, the
// in-memory revision bump and the hand-off to watchers happen with nothing able to run in between.
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { StoreError } from '../store.ts';
import type { ListResult, Store, StoredValue, WatchEvent, Watcher } from '../store.ts';
import { EventWindow } from './event-window.ts';
import { compareKeys, prefixEnd } from './key-range.ts';
import { applyPragmas, createSchema, type Synchronous } from './schema.ts';
import { Subscription } from '../subscription.ts';

export interface SqliteStoreOptions {
  /** FULL (default): acknowledged writes survive power loss. NORMAL: they survive a process crash. */
  synchronous?: Synchronous;
  /** Recent events kept in memory for resuming watches: at most this many… */
  windowEvents?: number;
  /** …and at most about this many characters of keys and values. */
  windowChars?: number;
  /** How long open waits for another process to release the file (default 5000). */
  lockTimeoutMs?: number;
}

interface KvRow {
  key: string;
  value: string;
  create_revision: number;
  mod_revision: number;
}

interface LogRow {
  revision: number;
  key: string;
  value: string | null;
  prev_value: string | null;
  deleted: number;
  created: number;
}

interface PendingWrite {
  tx: () => LogRow;
  resolve: (revision: number) => void;
  reject: (err: Error) => void;
}

const PRUNE_CHUNK = 10_000; // log rows deleted per transaction when compacting

export class SqliteStore implements Store {
  private rev: number;
  private mark: number;
  private closed = false;
  private readonly window: EventWindow;
  private readonly watchers = new Set<Subscription>();
  private readonly statements = new Map<string, Statement>();

  private readonly getKv: Statement<[string], KvRow>;
  private readonly insertLog: Statement<[string, string | null, string | null, number, number]>;
  private readonly insertKv: Statement<[string, string, number, number]>;
  private readonly updateKv: Statement<[string, number, string]>;
  private readonly deleteKv: Statement<[string]>;
  private readonly setMark: Statement<[number]>;
  private readonly pruneLog: Statement<[number, number]>;
  private readonly createTx: (key: string, value: string) => LogRow;
  private readonly updateTx: (key: string, value: string, expected: number) => LogRow;
  private readonly deleteTx: (key: string, expected: number | undefined) => LogRow;
  private readonly batchTx: (ops: PendingWrite[]) => (LogRow | Error)[];
  private pending: PendingWrite[] = [];

  static open(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
    const db = new Database(path, { timeout: opts.lockTimeoutMs ?? 5000 });
    try {
      applyPragmas(db, opts.synchronous ?? 'FULL');
      createSchema(db);
      return new SqliteStore(db, opts);
    } catch (err) {
      db.close();
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_BUSY') {
        throw new Error(`${path} is in use by another process (${err.message})`, { cause: err });
      }
      throw err;
    }
  }

  private constructor(
    private readonly db: Db,
    opts: SqliteStoreOptions,
  ) {
    // sqlite_sequence holds AUTOINCREMENT's high-water mark, which survives compaction of every row.
    const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`).get() as { seq: number } | undefined;
    this.rev = seq?.seq ?? 0;
    this.mark = (db.prepare(`SELECT value FROM meta WHERE name = 'compacted'`).get() as { value: number }).value;
    this.window = new EventWindow(this.rev, opts.windowEvents ?? 10_000, opts.windowChars ?? 64 << 20);

    this.getKv = db.prepare(`SELECT key, value, create_revision, mod_revision FROM kv WHERE key = ?`);
    this.insertLog = db.prepare(`INSERT INTO log (key, value, prev_value, deleted, created) VALUES (?, ?, ?, ?, ?)`);
    this.insertKv = db.prepare(`INSERT INTO kv (key, value, create_revision, mod_revision) VALUES (?, ?, ?, ?)`);
    this.updateKv = db.prepare(`UPDATE kv SET value = ?, mod_revision = ? WHERE key = ?`);
    this.deleteKv = db.prepare(`DELETE FROM kv WHERE key = ?`);
    this.setMark = db.prepare(`UPDATE meta SET value = ? WHERE name = 'compacted'`);
    this.pruneLog = db.prepare(`DELETE FROM log WHERE revision IN (SELECT revision FROM log WHERE revision <= ? ORDER BY revision LIMIT ?)`);

    // Each write is one transaction: the compare-and-swap check, the log append (which assigns the
    // revision) and the kv change commit together or not at all. A thrown StoreError rolls back.
    this.createTx = db.transaction((key: string, value: string) => {
      if (this.getKv.get(key)) throw new StoreError('AlreadyExists', `${key} already exists`);
      const revision = this.append(key, value, null, false);
      this.insertKv.run(key, value, revision, revision);
      return { revision, key, value, prev_value: null, deleted: 0, created: 1 };
    });
    this.updateTx = db.transaction((key: string, value: string, expected: number) => {
      const cur = this.current(key, expected);
      const revision = this.append(key, value, cur.value, false);
      this.updateKv.run(value, revision, key);
      return { revision, key, value, prev_value: cur.value, deleted: 0, created: 0 };
    });
    this.batchTx = db.transaction((ops: PendingWrite[]) =>
      ops.map((op) => {
        try {
          return op.tx();
        } catch (err) {
          if (err instanceof StoreError) return err;
          throw err;
        }
      }),
    );
    this.deleteTx = db.transaction((key: string, expected: number | undefined) => {
      const cur = this.current(key, expected);
      const revision = this.append(key, null, cur.value, true);
      this.deleteKv.run(key);
      return { revision, key, value: null, prev_value: cur.value, deleted: 1, created: 0 };
    });
  }

  /**
   * Group commit: writes that arrive in the same turn of the event loop share one transaction and
   * one fsync. Each still runs its own compare-and-swap in a savepoint (better-sqlite3 nests
   * transactions as savepoints), so a failed check rolls back that write alone; every write is
   * acknowledged only after the shared commit.
   */
  private enqueue(tx: () => LogRow): Promise<number> {
    this.assertOpen();
    return new Promise<number>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ tx, resolve, reject });
    });
  }

  private flush(): void {
    const ops = this.pending;
    this.pending = [];
    if (ops.length === 0) return;
    let results: (LogRow | Error)[];
    try {
      this.assertOpen();
      results = this.batchTx(ops);
    } catch (err) {
      for (const op of ops) op.reject(err as Error);
      return;
    }
    for (const [i, r] of results.entries()) {
      if (r instanceof Error) ops[i].reject(r);
      else ops[i].resolve(this.publish(r));
    }
  }

  async revision(): Promise<number> {
    this.assertOpen();
    return this.rev;
  }

  async get(key: string): Promise<StoredValue | undefined> {
    this.assertOpen();
    const row = this.getKv.get(key);
    return row && toStored(row);
  }

  async list(prefix: string, opts: { limit?: number; startAfter?: string } = {}): Promise<ListResult> {
    this.assertOpen();
    const { limit, startAfter } = opts;
    // Start the index range at whichever of prefix / startAfter is later, so paging stays O(page).
    const exclusive = startAfter !== undefined && compareKeys(startAfter, prefix) >= 0;
    const from = exclusive ? startAfter : prefix;
    const end = prefixEnd(prefix);
    const params: (string | number)[] = [from];
    if (end !== undefined) params.push(end);
    params.push(limit !== undefined && limit > 0 ? limit + 1 : -1); // LIMIT -1: no limit
    const rows = this.listStatement(exclusive, end !== undefined).all(...params) as KvRow[];
    const more = limit !== undefined && limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    return { items: rows.map(toStored), revision: this.rev, more };
  }

  async create(key: string, value: string): Promise<number> {
    return this.enqueue(() => this.createTx(key, value));
  }

  async update(key: string, value: string, expected: number): Promise<number> {
    return this.enqueue(() => this.updateTx(key, value, expected));
  }

  async delete(key: string, expected?: number): Promise<number> {
    return this.enqueue(() => this.deleteTx(key, expected));
  }

  async watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError?: (err: Error) => void): Promise<Watcher> {
    this.assertOpen();
    if (!Number.isSafeInteger(afterRevision) || afterRevision < 0) throw new RangeError(`bad watch revision ${afterRevision}`);
    if (afterRevision < this.mark) {
      throw new StoreError('Compacted', `revision ${afterRevision} is compacted (mark ${this.mark})`, this.mark);
    }
    // The hand-off: from here to watchers.add nothing awaits, and no commit can run in between (one
    // JS thread, synchronous SQLite, no other writer). History therefore covers exactly
    // (afterRevision, this.rev] and every later commit reaches the subscription through commit():
    // no gap, no overlap. Subscription.offer also drops anything not newer than what it queued.
    const sub = new Subscription(prefix, afterRevision, onEvent, onError, (s) => this.watchers.delete(s));
    const recent = this.window.since(afterRevision, prefix);
    if (recent) for (const e of recent) sub.offer(e);
    else for (const row of this.logSince(afterRevision, prefix)) sub.offer(toEvent(row));
    this.watchers.add(sub);
    return sub;
  }

  async compact(revision: number): Promise<void> {
    this.assertOpen();
    if (revision > this.rev) throw new Error(`cannot compact to a future revision ${revision}: the store is at ${this.rev}`);
    if (revision > this.mark) {
      // Raise the mark first (durably, in one statement): from then on no watch replays at or below
      // it, so the log rows there are garbage and can be removed at leisure, even across a crash.
      this.setMark.run(revision);
      this.mark = revision;
      this.window.dropThrough(revision);
    }
    // Delete in chunks, yielding between them, so a large compaction does not stall the API.
    while (!this.closed && this.pruneLog.run(this.mark, PRUNE_CHUNK).changes === PRUNE_CHUNK) await nextTurn();
  }

  async compactedRevision(): Promise<number> {
    this.assertOpen();
    return this.mark;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const sub of [...this.watchers]) sub.end(new Error('store closed'));
    this.db.close();
  }

  /** After the commit: advances the revision and publishes the write to watchers. */
  private publish(row: LogRow): number {
    this.rev = row.revision;
    const e = toEvent(row);
    this.window.push(e);
    for (const sub of this.watchers) sub.offer(e);
    return row.revision;
  }

  private append(key: string, value: string | null, prev: string | null, deleted: boolean): number {
    return Number(this.insertLog.run(key, value, prev, deleted ? 1 : 0, prev === null ? 1 : 0).lastInsertRowid);
  }

  /** The key's row, checked against the expected modRevision (undefined: any). */
  private current(key: string, expected: number | undefined): KvRow {
    const cur = this.getKv.get(key);
    if (!cur) throw new StoreError('NotFound', `${key} not found`);
    if (expected !== undefined && cur.mod_revision !== expected) {
      throw new StoreError('Conflict', `${key} is at revision ${cur.mod_revision}, not ${expected}`, cur.mod_revision);
    }
    return cur;
  }

  private logSince(afterRevision: number, prefix: string): IterableIterator<LogRow> {
    const end = prefixEnd(prefix);
    const stmt = this.cached(`log/${end !== undefined}`, () => `SELECT revision, key, value, prev_value, deleted, created
      FROM log WHERE revision > ? AND key >= ? ${end !== undefined ? 'AND key < ?' : ''} ORDER BY revision`);
    const params: (string | number)[] = [afterRevision, prefix];
    if (end !== undefined) params.push(end);
    return stmt.iterate(...params) as IterableIterator<LogRow>;
  }

  private listStatement(exclusive: boolean, bounded: boolean): Statement {
    return this.cached(`list/${exclusive}/${bounded}`, () => `SELECT key, value, create_revision, mod_revision FROM kv
      WHERE key ${exclusive ? '>' : '>='} ? ${bounded ? 'AND key < ?' : ''} ORDER BY key LIMIT ?`);
  }

  /** Range queries come in a few shapes (bounded or not, inclusive or not); prepare each once. */
  private cached(id: string, sql: () => string): Statement {
    let stmt = this.statements.get(id);
    if (!stmt) {
      stmt = this.db.prepare(sql());
      this.statements.set(id, stmt);
    }
    return stmt;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}

function toStored(row: KvRow): StoredValue {
  return { key: row.key, value: row.value, createRevision: row.create_revision, modRevision: row.mod_revision };
}

/** The one mapping from a log row to an event, used for both replayed and live events. */
function toEvent(row: LogRow): WatchEvent {
  if (row.deleted) {
    return { type: 'delete', key: row.key, value: row.prev_value!, prevValue: row.prev_value!, revision: row.revision, created: false };
  }
  const e: WatchEvent = { type: 'put', key: row.key, value: row.value!, revision: row.revision, created: row.created === 1 };
  if (row.prev_value !== null) e.prevValue = row.prev_value;
  return e;
}
