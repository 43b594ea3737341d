// SQLite-specific store tests; the backend-independent contract runs from ../contract.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeContract, watchesAmidWrites } from '../contract.ts';
import { collector, rejectsWith } from '../test-helpers.ts';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';

function memStore(opts?: SqliteStoreOptions): SqliteStore {
  return SqliteStore.open(':memory:', opts);
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

storeContract('sqlite', { open: async () => memStore(), settleMs: 20 });

test('a new store starts at revision 0 and numbers writes from 1', async () => {
  const s = memStore();
  assert.equal(await s.revision(), 0);
  assert.equal(await s.create('/a', '1'), 1);
  await s.close();
});

// History from the log table instead of the in-memory window (the contract runs the window case).
test('watches opened amid writes have no gap or duplicate (window 3)', async () => {
  const s = memStore({ windowEvents: 3 });
  await watchesAmidWrites(s);
  await s.close();
});

test('replay from the log equals replay from the window', async () => {
  const big = memStore();
  const tiny = memStore({ windowEvents: 1 });
  for (const s of [big, tiny]) {
    const r = await s.create('/p/a', '1');
    await s.create('/q/a', '1');
    await s.update('/p/a', '2', r);
    await s.create('/p/b', '1');
    await s.delete('/p/a');
  }
  const a = collector();
  const b = collector();
  await big.watch('/p/', 1, a.onEvent);
  await tiny.watch('/p/', 1, b.onEvent);
  assert.deepEqual(await b.until(3), await a.until(3));
  await big.close();
  await tiny.close();
});

// The contract covers compaction's semantics; this checks the log table behind them.
test('compaction replays from the log and prunes it', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'store.db');
  const s = SqliteStore.open(file, { windowEvents: 2 });
  let rev = await s.create('/k', '0');
  for (let i = 1; i <= 9; i++) rev = await s.update('/k', String(i), rev);
  await s.create('/other', 'x');
  await s.compact(5);
  await rejectsWith(s.watch('/k', 4, () => {}), 'Compacted', 5);
  const c = collector();
  await s.watch('/k', 5, c.onEvent);
  assert.deepEqual((await c.until(5)).map((e) => e.revision), [6, 7, 8, 9, 10]);
  assert.deepEqual(c.events[0], { type: 'put', key: '/k', value: '5', prevValue: '4', revision: 6, created: false });
  await s.close();

  const db = new Database(file, { readonly: true });
  const revs = db.prepare('SELECT revision FROM log ORDER BY revision').pluck().all();
  db.close();
  assert.deepEqual(revs, [6, 7, 8, 9, 10, 11]);
});

test('reopening keeps data, the compaction mark, and revisions keep increasing', async (t) => {
  const file = join(tempDir(t), 'store.db');
  let s = SqliteStore.open(file);
  const r1 = await s.create('/a', '{"v":1}');
  const r2 = await s.create('/b', '{"v":2}');
  const r3 = await s.delete('/b');
  await s.close();

  s = SqliteStore.open(file);
  assert.equal(await s.revision(), r3);
  assert.deepEqual(await s.get('/a'), { key: '/a', value: '{"v":1}', createRevision: r1, modRevision: r1 });
  assert.equal(await s.get('/b'), undefined);
  const c = collector();
  await s.watch('', 0, c.onEvent);
  assert.deepEqual((await c.until(3)).map((e) => [e.type, e.revision]), [['put', r1], ['put', r2], ['delete', r3]]);
  // Compact everything away: the next revision must still not reuse any earlier one.
  await s.compact(r3);
  await s.close();

  s = SqliteStore.open(file);
  assert.equal(await s.compactedRevision(), r3);
  assert.equal(await s.revision(), r3);
  const r4 = await s.create('/c', '{}');
  assert.equal(r4, r3 + 1);
  await s.close();
});

test('a second open of the same file is refused while the first holds it', async (t) => {
  const file = join(tempDir(t), 'store.db');
  const s = SqliteStore.open(file);
  await s.create('/a', '1');
  assert.throws(() => SqliteStore.open(file, { lockTimeoutMs: 50 }), /in use by another process/);
  await s.close();
  const again = SqliteStore.open(file);
  assert.equal(await again.revision(), 1);
  await again.close();
});

