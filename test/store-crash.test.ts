// kill -9 a process writing to a SqliteStore at a random moment, then check that every write it
// acknowledged survived intact and that the store still takes writes. Rounds reuse one data dir,
// so each round also starts from a store recovered after a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WatchEvent } from '../src/store/store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { digest } from './store-crash-writer.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const writerScript = join(root, 'test', 'store-crash-writer.ts');

interface Ack {
  key: string;
  revision: number;
  digest: string;
}

const MIN_ACKS = 300;

/**
 * Runs the writer until it has acknowledged `killAfter` writes (or, on a slow machine, at least
 * MIN_ACKS and `maxMs` have passed since the first), kill -9s it, returns every ack it printed.
 */
async function crashRound(dir: string, killAfter: number, maxMs: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const acks: Ack[] = [];
  let partial = '';
  let killBy = Infinity;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!; // a line cut by the kill was never acknowledged in full
    for (const line of lines) {
      const [key, revision, dig] = line.split(' ');
      acks.push({ key, revision: Number(revision), digest: dig });
    }
    if (killBy === Infinity) killBy = Date.now() + maxMs;
    const due = acks.length >= killAfter || (acks.length >= MIN_ACKS && Date.now() >= killBy);
    if (due && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  assert.equal(signal, 'SIGKILL', `writer exited by itself (code ${code}) after ${acks.length} acks`);
  return acks;
}

/** Every event in the store's history, by revision (no compaction happens in this test). */
async function history(store: SqliteStore): Promise<Map<number, WatchEvent>> {
  const events = new Map<number, WatchEvent>();
  const last = await store.revision();
  const w = await store.watch('', 0, (e) => events.set(e.revision, e));
  const deadline = Date.now() + 5000;
  while (!events.has(last) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  w.stop();
  return events;
}

async function verify(dir: string, acks: Ack[], round: number): Promise<void> {
  const store = SqliteStore.open(join(dir, 'store.db'));
  try {
    const byRevision = new Map<number, Ack>();
    for (const a of acks) {
      assert.ok(!byRevision.has(a.revision), `revision ${a.revision} acknowledged twice`);
      byRevision.set(a.revision, a);
    }
    const maxAcked = Math.max(...acks.map((a) => a.revision));
    assert.ok((await store.revision()) >= maxAcked);

    // Every acknowledged write is in the history with exactly the acknowledged value.
    const events = await history(store);
    for (const a of acks) {
      const e = events.get(a.revision);
      assert.ok(e, `acknowledged revision ${a.revision} of ${a.key} is lost`);
      assert.equal(e.key, a.key);
      assert.equal(digest(e.value), a.digest, `revision ${a.revision} holds a different value`);
    }
    for (const e of events.values()) JSON.parse(e.value);

    // Each key holds its last acknowledged value, or a later write's (acked, or in flight at the kill).
    const lastAck = new Map<string, Ack>();
    for (const a of acks) if ((lastAck.get(a.key)?.revision ?? 0) < a.revision) lastAck.set(a.key, a);
    const { items } = await store.list('/crash/');
    const current = new Map(items.map((i) => [i.key, i]));
    for (const [key, a] of lastAck) {
      const cur = current.get(key);
      assert.ok(cur && cur.modRevision >= a.revision, `${key} went back from revision ${a.revision}`);
      if (cur.modRevision === a.revision) assert.equal(digest(cur.value), a.digest);
      const later = byRevision.get(cur.modRevision);
      if (later) assert.equal(digest(cur.value), later.digest);
    }
    for (const i of items) assert.equal((JSON.parse(i.value) as { key: string }).key, i.key, `${i.key} holds another key's value`);

    const probe = await store.create(`/probe/${round}`, '{}');
    assert.ok(probe > maxAcked);
  } finally {
    await store.close();
  }
}

test('kill -9 loses no acknowledged write and leaves no torn value', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const acks: Ack[] = [];
  const started = Date.now();
  // Four rounds, or as many (at least two) as fit in ~12 s when the machine is busy.
  for (let round = 1; round <= 4 && (round <= 2 || Date.now() - started < 12_000); round++) {
    const got = await crashRound(dir, randomInt(MIN_ACKS, 2000), randomInt(300, 1500));
    assert.ok(got.length >= MIN_ACKS, `round ${round}: only ${got.length} acks`);
    t.diagnostic(`round ${round}: killed after ${got.length} acks`);
    acks.push(...got);
    await verify(dir, acks, round);
  }
});
