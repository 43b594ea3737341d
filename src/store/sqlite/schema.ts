// Connection settings and tables of the SQLite store, shared with bench/sqlite-anchor.ts so the
// benchmark anchor pays for exactly the same durability.
import type { Database } from 'better-sqlite3';

export type Synchronous = 'FULL' | 'NORMAL';

/**
 * EXCLUSIVE locking: this process is the only reader and writer of the file, which is what lets
 * watches be fed in-process after commit (kine polls instead because it allows several writers).
 * A second process opening the file fails instead of writing behind our watchers' backs.
 * WAL + synchronous=FULL: the WAL is fsynced before a commit returns, so an acknowledged write
 * survives kill -9 and power loss; NORMAL survives kill -9 only.
 */
export function applyPragmas(db: Database, synchronous: Synchronous): void {
  db.pragma('locking_mode = EXCLUSIVE');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && db.name !== ':memory:') throw new Error(`${db.name}: cannot enable WAL (got ${String(mode)})`);
  db.pragma(`synchronous = ${synchronous}`);
}

const SCHEMA_VERSION = 1;

// log: every write, in revision order; AUTOINCREMENT keeps revisions unique even after compaction
// empties the table (the high-water mark lives in sqlite_sequence).
// kv: the current state; the only table reads consult, so compaction can drop any log row.
const DDL = `
CREATE TABLE IF NOT EXISTS log (
  revision   INTEGER PRIMARY KEY AUTOINCREMENT,
  key        TEXT NOT NULL,
  value      TEXT,              -- the new value; NULL for a delete
  prev_value TEXT,              -- the value before the write; NULL for a create
  deleted    INTEGER NOT NULL,
  created    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS kv (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL,
  create_revision INTEGER NOT NULL,
  mod_revision    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', ${SCHEMA_VERSION}), ('compacted', 0);
`;

export function createSchema(db: Database): void {
  db.transaction(() => db.exec(DDL))();
  const row = db.prepare(`SELECT value FROM meta WHERE name = 'schema_version'`).get() as { value: number };
  if (row.value !== SCHEMA_VERSION) throw new Error(`${db.name}: store schema ${row.value}, this build reads ${SCHEMA_VERSION}`);
}
