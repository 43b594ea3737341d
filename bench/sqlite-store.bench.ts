// SqliteStore.create against raw SQLite inserts (the anchor), n = 10000 each, both sync modes.
// Run: node --import tsx bench/sqlite-store.bench.ts [n]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Synchronous } from '../src/store/sqlite/schema.ts';
import { WARMUP, rawSqliteInsertRate, sampleKey, sampleObject } from './sqlite-anchor.ts';

async function storeCreateRate(dir: string, n: number, synchronous: Synchronous): Promise<number> {
  const store = SqliteStore.open(join(dir, `store-${synchronous}.db`), { synchronous });
  const rows = Array.from({ length: n }, (_, i) => [sampleKey(i), sampleObject(i)] as const);
  for (let i = 0; i < WARMUP; i++) await store.create(`/warmup/${i}`, sampleObject(i)); // as the anchor does
  const start = performance.now();
  for (const [key, value] of rows) await store.create(key, value);
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  return n / seconds;
}

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'vireo-bench-'));
try {
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const raw = (await rawSqliteInsertRate(dir, n, sync)).opsPerSec;
    const store = await storeCreateRate(dir, n, sync);
    console.log(
      `synchronous=${sync.padEnd(6)} n=${n}  raw sqlite ${raw.toFixed(0).padStart(7)} ops/s  ` +
        `SqliteStore.create ${store.toFixed(0).padStart(7)} ops/s  ratio ${(store / raw).toFixed(2)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
