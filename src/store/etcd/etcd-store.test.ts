// The etcd store against a real etcd (Debian's etcd-server) started for this file: the shared
// Store contract, then what only a networked, shared store has (prefixes, a mark set by another
// API server, restarts). Without etcd on the machine these tests fail saying so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEtcd, type TestEtcd } from '../../../test/support/etcd.ts';
import { storeContract } from '../contract.ts';
import { collector, rejectsWith, sleep } from '../test-helpers.ts';
import { EtcdStore, type EtcdStoreOptions } from './etcd-store.ts';

let etcd: TestEtcd;
let prefixes = 0;

before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

/** A store on its own prefix: a new, empty key space in the shared etcd. */
function open(opts: Partial<EtcdStoreOptions> = {}): Promise<EtcdStore> {
  return EtcdStore.open({ endpoints: [etcd.endpoint], prefix: `/test-${++prefixes}/`, ...opts });
}

storeContract('etcd', { open: () => open(), settleMs: 100 });

test('etcd: clusters on different prefixes do not see each other', async () => {
  const one = await open({ prefix: '/one/' });
  const two = await open({ prefix: '/one-two/' }); // starts with the other's prefix, minus the slash
  const c = collector();
  await one.watch('', await one.revision(), c.onEvent);
  await two.create('/a', 'two');
  const r = await one.create('/a', 'one');
  assert.deepEqual((await one.list('')).items.map((i) => i.value), ['one']);
  assert.deepEqual((await two.list('')).items.map((i) => i.value), ['two']);
  assert.deepEqual((await c.until(1)).map((e) => [e.key, e.revision]), [['/a', r]]);
  await sleep(100);
  assert.equal(c.events.length, 1);
  await one.close();
  await two.close();
});

test('etcd: a store learns a compaction another store made, at open and at watch', async () => {
  const a = await open({ prefix: '/shared/' });
  const b = await open({ prefix: '/shared/' });
  let rev = await a.create('/k', '0');
  for (let i = 1; i <= 4; i++) rev = await a.update('/k', String(i), rev);
  await a.compact(rev - 1);
  // b opened before the compaction: its own mark is stale, etcd's is not.
  assert.ok((await b.compactedRevision()) < rev - 1);
  await rejectsWith(b.watch('/k', rev - 2, () => {}), 'Compacted', rev - 1);
  assert.equal(await b.compactedRevision(), rev - 1);
  const c = await open({ prefix: '/shared/' });
  assert.equal(await c.compactedRevision(), rev - 1, 'learned at open');
  await c.compact(rev - 2); // already done by a: no error, the mark stays
  assert.equal(await c.compactedRevision(), rev - 1);
  for (const s of [a, b, c]) await s.close();
});

test('etcd: stopping one watch leaves the others running', async () => {
  const s = await open();
  const base = await s.revision();
  const kept = collector();
  const stopped = collector();
  await s.watch('', base, kept.onEvent);
  const w = await s.watch('', base, stopped.onEvent);
  await s.create('/a', '1');
  await stopped.until(1);
  w.stop();
  await sleep(100);
  await s.create('/b', '1');
  assert.deepEqual((await kept.until(2)).map((e) => e.key), ['/a', '/b']);
  assert.equal(stopped.events.length, 1);
  await s.close();
});

test('etcd: a list larger than gRPC\'s default 4 MiB message', async () => {
  const s = await open();
  const value = JSON.stringify({ pad: 'x'.repeat(16 << 10) });
  await Promise.all(Array.from({ length: 400 }, (_, i) => s.create(`/big/${String(i).padStart(3, '0')}`, value)));
  const r = await s.list('/big/');
  assert.equal(r.items.length, 400);
  assert.equal(r.items[399].key, '/big/399');
  await s.close();
});

test('etcd: data and watches survive an etcd restart (kill -9)', async () => {
  const s = await open({ prefix: '/restart/' });
  const base = await s.revision();
  const r1 = await s.create('/k/1', 'before');
  const c = collector();
  const errors: Error[] = [];
  await s.watch('/k/', base, c.onEvent, (e) => errors.push(e));
  await c.until(1);
  await etcd.restart({ kill: true });
  // Another client writes first: the watch, reconnecting from its last revision, must replay it.
  const other = await open({ prefix: '/restart/' });
  const r2 = await other.create('/k/2', 'after');
  const r3 = await s.create('/k/3', 'after');
  assert.deepEqual(await s.get('/k/1'), { key: '/k/1', value: 'before', createRevision: r1, modRevision: r1 });
  assert.deepEqual((await c.until(3)).map((e) => e.revision), [r1, r2, r3]);
  await sleep(100);
  assert.equal(c.events.length, 3, 'no event twice');
  assert.deepEqual(errors, []);
  await other.close();
  await s.close();
});

test('etcd: open fails clearly when nothing answers', async () => {
  const t0 = Date.now();
  await assert.rejects(EtcdStore.open({ endpoints: ['http://127.0.0.1:9'], callTimeoutMs: 2000 }), /cannot use etcd at http:\/\/127\.0\.0\.1:9/);
  assert.ok(Date.now() - t0 < 15_000, 'and soon');
});

// Each member is killed once, so the leader is too: a write then waits out etcd's own request
// timeout (7 s) for the proposal the old leader lost, and is retried; nothing fails.
test('etcd: a three-member cluster keeps serving when any one member is killed', async () => {
  const cluster = await startEtcd({ members: 3 });
  try {
    const s = await EtcdStore.open({ endpoints: cluster.endpoints });
    const c = collector();
    await s.watch('/k/', await s.revision(), c.onEvent);
    const revs: number[] = [];
    for (let member = 0; member < 3; member++) {
      await cluster.stopMember(member, { kill: true });
      for (let i = 0; i < 5; i++) revs.push(await s.create(`/k/${member}-${i}`, 'v'));
      assert.equal((await s.list('/k/')).items.length, revs.length);
      await cluster.startMember(member);
    }
    assert.deepEqual((await c.until(revs.length)).map((e) => e.revision), revs);
    await s.close();
  } finally {
    await cluster.stop();
  }
});
