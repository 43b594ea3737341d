import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, type WatchEvent } from '../store.ts';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';

function memStore(opts?: SqliteStoreOptions): SqliteStore {
  return SqliteStore.open(':memory:', opts);
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function rejectsWith(p: Promise<unknown>, code: StoreError['code'], revision?: number): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StoreError, `expected StoreError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (revision !== undefined) assert.equal(err.revision, revision);
    return true;
  });
}

/** Collects a watch's events; `until(n)` waits for the n-th. */
function collector() {
  const events: WatchEvent[] = [];
  return {
    events,
    onEvent: (e: WatchEvent) => void events.push(e),
    async until(n: number): Promise<WatchEvent[]> {
      const deadline = Date.now() + 5000;
      while (events.length < n) {
        if (Date.now() > deadline) assert.fail(`waited for ${n} events, got ${events.length}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      return events;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test('create and get', async () => {
  const s = memStore();
  assert.equal(await s.revision(), 0);
  const r = await s.create('/a', '{"x":1}');
  assert.equal(r, 1);
  assert.deepEqual(await s.get('/a'), { key: '/a', value: '{"x":1}', createRevision: 1, modRevision: 1 });
  assert.equal(await s.get('/missing'), undefined);
  await rejectsWith(s.create('/a', '{}'), 'AlreadyExists');
  assert.equal(await s.revision(), 1, 'a refused write takes no revision');
  await s.close();
});

test('update is compare-and-swap on modRevision', async () => {
  const s = memStore();
  const r1 = await s.create('/a', 'v1');
  await s.create('/b', 'other');
  const r2 = await s.update('/a', 'v2', r1);
  assert.ok(r2 > r1);
  assert.deepEqual(await s.get('/a'), { key: '/a', value: 'v2', createRevision: r1, modRevision: r2 });
  await rejectsWith(s.update('/a', 'v3', r1), 'Conflict', r2);
  assert.equal((await s.get('/a'))?.value, 'v2');
  await rejectsWith(s.update('/nope', 'v', 1), 'NotFound');
  assert.equal(await s.revision(), r2);
  await s.close();
});

test('delete with and without expected revision', async () => {
  const s = memStore();
  const ra = await s.create('/a', 'a');
  const rb = await s.create('/b', 'b');
  await rejectsWith(s.delete('/a', rb), 'Conflict', ra);
  assert.ok(await s.get('/a'));
  const d1 = await s.delete('/a', ra);
  assert.ok(d1 > rb, 'a delete gets its own revision');
  assert.equal(await s.get('/a'), undefined);
  const d2 = await s.delete('/b');
  assert.ok(d2 > d1);
  await rejectsWith(s.delete('/b'), 'NotFound');
  await rejectsWith(s.delete('/b', d2), 'NotFound');
  const again = await s.create('/a', 'a2');
  assert.deepEqual(await s.get('/a'), { key: '/a', value: 'a2', createRevision: again, modRevision: again });
  await s.close();
});

test('list by prefix with limit, startAfter and more', async () => {
  const s = memStore();
  for (const k of ['/a/3', '/b/1', '/a/1', '/ab/1', '/a/2', '/a', '/a/\u{1f600}', '/a/\uffff']) await s.create(k, `v${k}`);
  const keys = async (prefix: string, opts?: { limit?: number; startAfter?: string }) => {
    const r = await s.list(prefix, opts);
    return { keys: r.items.map((i) => i.key), more: r.more };
  };
  // Code point order, as etcd and SQLite order bytes: U+FFFF sorts before an astral character.
  assert.deepEqual(await keys('/a/'), { keys: ['/a/1', '/a/2', '/a/3', '/a/\uffff', '/a/\u{1f600}'], more: false });
  assert.deepEqual(await keys('/a/', { limit: 2 }), { keys: ['/a/1', '/a/2'], more: true });
  assert.deepEqual(await keys('/a/', { limit: 2, startAfter: '/a/2' }), { keys: ['/a/3', '/a/\uffff'], more: true });
  assert.deepEqual(await keys('/a/', { limit: 2, startAfter: '/a/\uffff' }), { keys: ['/a/\u{1f600}'], more: false });
  assert.deepEqual(await keys('/a/', { limit: 5 }), { keys: ['/a/1', '/a/2', '/a/3', '/a/\uffff', '/a/\u{1f600}'], more: false });
  assert.deepEqual(await keys('/a/', { startAfter: '/' }), { keys: ['/a/1', '/a/2', '/a/3', '/a/\uffff', '/a/\u{1f600}'], more: false });
  assert.deepEqual(await keys('/a/', { startAfter: '/b' }), { keys: [], more: false });
  assert.deepEqual(await keys('/a'), { keys: ['/a', '/a/1', '/a/2', '/a/3', '/a/\uffff', '/a/\u{1f600}', '/ab/1'], more: false });
  assert.deepEqual((await keys('')).keys.length, 8);
  const r = await s.list('/b/');
  assert.equal(r.revision, await s.revision());
  assert.deepEqual(r.items, [{ key: '/b/1', value: 'v/b/1', createRevision: 2, modRevision: 2 }]);
  await s.close();
});

test('watch replays history then delivers live events in order', async () => {
  const s = memStore();
  const r1 = await s.create('/vm/a', 'a1');
  await s.create('/other/x', 'x');
  const r2 = await s.update('/vm/a', 'a2', r1);
  const c = collector();
  const w = await s.watch('/vm/', 0, c.onEvent);
  const r3 = await s.create('/vm/b', 'b1');
  const r4 = await s.delete('/vm/a', r2);
  await s.create('/other/y', 'y');
  const events = await c.until(4);
  await settle();
  assert.deepEqual(c.events, [
    { type: 'put', key: '/vm/a', value: 'a1', revision: r1, created: true },
    { type: 'put', key: '/vm/a', value: 'a2', prevValue: 'a1', revision: r2, created: false },
    { type: 'put', key: '/vm/b', value: 'b1', revision: r3, created: true },
    { type: 'delete', key: '/vm/a', value: 'a2', prevValue: 'a2', revision: r4, created: false },
  ]);
  w.stop();
  await s.create('/vm/c', 'c');
  await settle();
  assert.equal(events.length, 4, 'no events after stop');
  await s.close();
});

test('watch from the current revision gets only new events', async () => {
  const s = memStore();
  await s.create('/k/1', 'old');
  const c = collector();
  await s.watch('/k/', await s.revision(), c.onEvent);
  await settle();
  assert.equal(c.events.length, 0);
  const r = await s.create('/k/2', 'new');
  assert.deepEqual((await c.until(1)).map((e) => e.revision), [r]);
  await s.close();
});

test('watch from a future revision starts there', async () => {
  const s = memStore();
  await s.create('/k/1', 'v');
  const c = collector();
  await s.watch('', 2, c.onEvent);
  await s.create('/k/2', 'v');
  const r = await s.create('/k/3', 'v');
  await c.until(1);
  await settle();
  assert.deepEqual(c.events.map((e) => e.revision), [r]);
  await s.close();
});

// Watches opened while writes are in flight must see every revision above their start exactly
// once, whether history comes from the in-memory window or from the log table.
for (const windowEvents of [10_000, 3]) {
  test(`watches opened amid writes have no gap or duplicate (window ${windowEvents})`, async () => {
    const s = memStore({ windowEvents });
    const writes: Promise<number>[] = [];
    const watches: { after: number; c: ReturnType<typeof collector> }[] = [];
    for (let i = 0; i < 200; i++) {
      writes.push(s.create(`/k/${i}`, `{"i":${i}}`));
      if (i % 40 === 20) {
        const c = collector();
        const after = i - 10;
        watches.push({ after, c });
        await s.watch('/k/', after, c.onEvent);
      }
    }
    await Promise.all(writes);
    for (const { after, c } of watches) {
      const expected = Array.from({ length: 200 - after }, (_, j) => after + j + 1);
      assert.deepEqual((await c.until(expected.length)).map((e) => e.revision), expected);
    }
    await settle();
    for (const { after, c } of watches) assert.equal(c.events.length, 200 - after);
    await s.close();
  });
}

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

test('a watcher that writes does not reorder events for others', async () => {
  const s = memStore();
  // The writing watcher is registered first: were events delivered inside the write, it would
  // commit revision 2 and `seen` would get 2 before 1.
  await s.watch('/trigger', 0, (e) => void s.create(`/echo/${e.revision}`, 'x'));
  const seen = collector();
  await s.watch('', 0, seen.onEvent);
  await s.create('/trigger', 'go');
  await s.create('/after', 'y');
  const revs = (await seen.until(3)).map((e) => e.revision);
  assert.deepEqual(revs, [1, 2, 3]);
  await s.close();
});

test('a throwing callback stops its watch and reports through onError', async () => {
  const s = memStore();
  const errors: Error[] = [];
  let calls = 0;
  await s.watch('', 0, () => {
    calls++;
    throw new Error('boom');
  }, (err) => errors.push(err));
  await s.create('/a', '1');
  await s.create('/b', '1');
  await settle();
  assert.equal(calls, 1);
  assert.deepEqual(errors.map((e) => e.message), ['boom']);
  await s.close();
});

test('compaction drops history and refuses watches below the mark', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'store.db');
  const s = SqliteStore.open(file, { windowEvents: 2 });
  let rev = await s.create('/k', '0');
  for (let i = 1; i <= 9; i++) rev = await s.update('/k', String(i), rev);
  await s.create('/other', 'x');
  await s.compact(5);
  assert.equal(await s.compactedRevision(), 5);
  await rejectsWith(s.watch('/k', 4, () => {}), 'Compacted', 5);
  await assert.rejects(s.watch('/k', Number.NaN, () => {}), RangeError);
  const c = collector();
  await s.watch('/k', 5, c.onEvent);
  assert.deepEqual((await c.until(5)).map((e) => e.revision), [6, 7, 8, 9, 10]);
  assert.deepEqual(c.events[0], { type: 'put', key: '/k', value: '5', prevValue: '4', revision: 6, created: false });
  assert.deepEqual(await s.get('/k'), { key: '/k', value: '9', createRevision: 1, modRevision: 10 });
  await s.compact(3);
  assert.equal(await s.compactedRevision(), 5, 'the mark never goes down');
  await assert.rejects(s.compact(100), /future/);
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

test('close fails open watches and later calls', async () => {
  const s = memStore();
  const errors: Error[] = [];
  await s.watch('', 0, () => {}, (err) => errors.push(err));
  await s.close();
  assert.deepEqual(errors.map((e) => e.message), ['store closed']);
  await assert.rejects(s.get('/a'), /closed/);
  await assert.rejects(s.create('/a', '1'), /closed/);
});
