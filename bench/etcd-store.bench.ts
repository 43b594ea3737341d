// EtcdStore.create against raw etcd puts (the anchor) on the same etcd, same client library and
// same ~1 KiB objects: n each, one at a time and with 32 in flight. Starts its own etcd (Debian's
// etcd-server) on free loopback ports and a temp data dir.
// Run: node --import tsx bench/etcd-store.bench.ts [n]
import { performance } from 'node:perf_hooks';
import { connectEtcd } from '../src/store/etcd/connect.ts';
import { EtcdStore } from '../src/store/etcd/etcd-store.ts';
import { startEtcd } from '../test/support/etcd.ts';
import { WARMUP, sampleKey, sampleObject } from './sqlite-anchor.ts';

/** Runs `op(i)` for i < n with `inFlight` at a time; returns ops per second. */
async function rate(n: number, inFlight: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < n) await op(next++);
  }));
  return n / ((performance.now() - start) / 1000);
}

const n = Number(process.argv[2] ?? 5000);
const etcd = await startEtcd();
try {
  const raw = connectEtcd({ endpoints: [etcd.endpoint] });
  const store = await EtcdStore.open({ endpoints: [etcd.endpoint], prefix: '/bench-store/' });
  const value = (i: number) => Buffer.from(sampleObject(i));
  await rate(WARMUP, 1, (i) => raw.kv.put({ key: Buffer.from(`/warmup/${i}`), value: value(i) }));
  for (const inFlight of [1, 32]) {
    const anchor = await rate(n, inFlight, (i) => raw.kv.put({ key: Buffer.from(`/bench-raw-${inFlight}${sampleKey(i)}`), value: value(i) }));
    const creates = await rate(n, inFlight, (i) => store.create(`/${inFlight}${sampleKey(i)}`, sampleObject(i)));
    console.log(
      `in flight ${String(inFlight).padStart(2)} n=${n}  raw etcd put ${anchor.toFixed(0).padStart(6)} ops/s  ` +
        `EtcdStore.create ${creates.toFixed(0).padStart(6)} ops/s  ratio ${(creates / anchor).toFixed(2)}`,
    );
  }
  const t0 = performance.now();
  const listed = await store.list('/32/');
  console.log(`EtcdStore.list of ${listed.items.length} objects: ${(performance.now() - t0).toFixed(0)} ms`);
  await store.close();
  raw.close();
} finally {
  await etcd.stop();
}
