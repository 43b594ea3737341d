// The Store contract as tests, run against every backend (sqlite-store.test.ts, etcd-store.test.ts).
// Each test gets a fresh store whose keys are its own, but revisions are relative: an etcd store
// shares its revision counter (and compaction mark) with everything else in that etcd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from './store.ts';
import { collector, rejectsWith, sleep } from './test-helpers.ts';

export interface ContractBackend {
  /** Opens a new store with no keys, where nothing else writes during the test. */
  open(): Promise<Store>;
  /** How long to wait before concluding no (more) events will arrive. */
  settleMs: number;
}

/** Registers the contract tests, named `${name}: …`. */
export function storeContract(name: string, backend: ContractBackend): void {
  const settle = () => sleep(backend.settleMs);
  const it = (title: string, fn: (s: Store) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const s = await backend.open();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    });

  it('create and get', async (s) => {
    const base = await s.revision();
    const r = await s.create('/a', '{"x":1}');
    assert.equal(r, base + 1);
    assert.deepEqual(await s.get('/a'), { key: '/a', value: '{"x":1}', createRevision: r, modRevision: r });
    assert.equal(await s.get('/missing'), undefined);
    await rejectsWith(s.create('/a', '{}'), 'AlreadyExists');
    assert.equal(await s.revision(), r, 'a refused write takes no revision');
  });

  it('update is compare-and-swap on modRevision', async (s) => {
    const r1 = await s.create('/a', 'v1');
    await s.create('/b', 'other');
    const r2 = await s.update('/a', 'v2', r1);
    assert.ok(r2 > r1);
    assert.deepEqual(await s.get('/a'), { key: '/a', value: 'v2', createRevision: r1, modRevision: r2 });
    await rejectsWith(s.update('/a', 'v3', r1), 'Conflict', r2);
    assert.equal((await s.get('/a'))?.value, 'v2');
    await rejectsWith(s.update('/nope', 'v', 1), 'NotFound');
    await rejectsWith(s.update('/nope', 'v', 0), 'NotFound');
    assert.equal(await s.get('/nope'), undefined, 'an update never creates');
    assert.equal(await s.revision(), r2);
  });

  it('delete with and without expected revision', async (s) => {
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
  });

  it('list by prefix with limit, startAfter and more', async (s) => {
    let rb = 0;
    for (const k of ['/a/3', '/b/1', '/a/1', '/ab/1', '/a/2', '/a', '/a/\u{1f600}', '/a/\uffff']) {
      const r = await s.create(k, `v${k}`);
      if (k === '/b/1') rb = r;
    }
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
    assert.deepEqual(r.items, [{ key: '/b/1', value: 'v/b/1', createRevision: rb, modRevision: rb }]);
  });

  it('watch replays history then delivers live events in order', async (s) => {
    const base = await s.revision();
    const r1 = await s.create('/vm/a', 'a1');
    await s.create('/other/x', 'x');
    const r2 = await s.update('/vm/a', 'a2', r1);
    const c = collector();
    const w = await s.watch('/vm/', base, c.onEvent);
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
  });

  it('a put after a delete is a create again', async (s) => {
    const base = await s.revision();
    await s.create('/k', 'one');
    await s.delete('/k');
    const r = await s.create('/k', 'two');
    const c = collector();
    await s.watch('/k', base, c.onEvent);
    const events = await c.until(3);
    assert.deepEqual(events[2], { type: 'put', key: '/k', value: 'two', revision: r, created: true });
  });

  it('watch from the current revision gets only new events', async (s) => {
    await s.create('/k/1', 'old');
    const c = collector();
    await s.watch('/k/', await s.revision(), c.onEvent);
    await settle();
    assert.equal(c.events.length, 0);
    const r = await s.create('/k/2', 'new');
    assert.deepEqual((await c.until(1)).map((e) => e.revision), [r]);
  });

  it('watch from a future revision starts there', async (s) => {
    const r1 = await s.create('/k/1', 'v');
    const c = collector();
    await s.watch('', r1 + 1, c.onEvent);
    await s.create('/k/2', 'v');
    const r = await s.create('/k/3', 'v');
    await c.until(1);
    await settle();
    assert.deepEqual(c.events.map((e) => e.revision), [r]);
  });

  it('watches opened amid writes have no gap or duplicate', async (s) => {
    await watchesAmidWrites(s);
  });

  it('a watcher that writes does not reorder events for others', async (s) => {
    const base = await s.revision();
    // The writing watcher is registered first: were events delivered inside the write, it would
    // commit the echo before `seen` got the trigger.
    await s.watch('/trigger', base, (e) => void s.create(`/echo/${e.revision}`, 'x'));
    const seen = collector();
    await s.watch('', base, seen.onEvent);
    await s.create('/trigger', 'go');
    await s.create('/after', 'y');
    const revs = (await seen.until(3)).map((e) => e.revision);
    assert.deepEqual(revs, [base + 1, base + 2, base + 3]);
  });

  it('a throwing callback stops its watch and reports through onError', async (s) => {
    const errors: Error[] = [];
    let calls = 0;
    await s.watch('', await s.revision(), () => {
      calls++;
      throw new Error('boom');
    }, (err) => errors.push(err));
    await s.create('/a', '1');
    await s.create('/b', '1');
    await settle();
    assert.equal(calls, 1);
    assert.deepEqual(errors.map((e) => e.message), ['boom']);
  });

  it('compaction drops history and refuses watches below the mark', async (s) => {
    const r1 = await s.create('/k', '0');
    let rev = r1;
    for (let i = 1; i <= 9; i++) rev = await s.update('/k', String(i), rev);
    await s.create('/other', 'x');
    const mark = r1 + 4;
    await s.compact(mark);
    assert.equal(await s.compactedRevision(), mark);
    await rejectsWith(s.watch('/k', mark - 1, () => {}), 'Compacted', mark);
    await assert.rejects(s.watch('/k', Number.NaN, () => {}), RangeError);
    const c = collector();
    await s.watch('/k', mark, c.onEvent);
    assert.deepEqual((await c.until(5)).map((e) => e.revision), [r1 + 5, r1 + 6, r1 + 7, r1 + 8, r1 + 9]);
    assert.deepEqual(c.events[0], { type: 'put', key: '/k', value: '5', prevValue: '4', revision: r1 + 5, created: false });
    assert.deepEqual(await s.get('/k'), { key: '/k', value: '9', createRevision: r1, modRevision: r1 + 9 });
    await s.compact(mark - 2);
    assert.equal(await s.compactedRevision(), mark, 'the mark never goes down');
    await assert.rejects(s.compact((await s.revision()) + 100), /future/);
  });

  test(`${name}: close fails open watches and later calls`, async () => {
    const s = await backend.open();
    const errors: Error[] = [];
    await s.watch('', await s.revision(), () => {}, (err) => errors.push(err));
    await s.close();
    assert.deepEqual(errors.map((e) => e.message), ['store closed']);
    await assert.rejects(s.get('/a'), /closed/);
    await assert.rejects(s.create('/a', '1'), /closed/);
  });
}

/**
 * Watches opened while writes are in flight must see every revision above their start exactly
 * once. 200 concurrent creates; a watch opens every 40 of them, from 10 revisions back.
 */
export async function watchesAmidWrites(s: Store): Promise<void> {
  const base = await s.revision();
  const writes: Promise<number>[] = [];
  const watches: { after: number; c: ReturnType<typeof collector> }[] = [];
  for (let i = 0; i < 200; i++) {
    writes.push(s.create(`/k/${i}`, `{"i":${i}}`));
    if (i % 40 === 20) {
      const c = collector();
      const after = base + i - 10;
      watches.push({ after, c });
      await s.watch('/k/', after, c.onEvent);
    }
  }
  await Promise.all(writes);
  const end = base + 200;
  for (const { after, c } of watches) {
    const expected = Array.from({ length: end - after }, (_, j) => after + j + 1);
    assert.deepEqual((await c.until(expected.length)).map((e) => e.revision), expected);
  }
  await sleep(50);
  for (const { after, c } of watches) assert.equal(c.events.length, end - after);
}
