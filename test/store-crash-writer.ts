// Child process of store-crash.test.ts: hammers a SqliteStore with concurrent creates and
// compare-and-swap updates, printing "key revision digest" for each write only after the store
// acknowledged it. The parent kill -9s it mid-stream.
// Usage: node --import tsx test/store-crash-writer.ts DIR [WRITERS] [KEYS]
import { createHash, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreError } from '../src/store/store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';

export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

async function writer(store: SqliteStore, id: number, keys: number): Promise<never> {
  for (let seq = 0; ; seq++) {
    const key = `/crash/k${randomInt(keys)}`;
    // Values up to ~8 KiB span several pages, so a torn write would show as broken JSON.
    const value = JSON.stringify({ key, writer: id, seq, pad: 'x'.repeat(randomInt(8192)) });
    try {
      const cur = await store.get(key);
      const revision = cur ? await store.update(key, value, cur.modRevision) : await store.create(key, value);
      process.stdout.write(`${key} ${revision} ${digest(value)}\n`); // synchronous for a pipe on Linux
    } catch (err) {
      // Another writer got there between our read and our write: expected, try again.
      if (!(err instanceof StoreError && (err.code === 'Conflict' || err.code === 'AlreadyExists'))) throw err;
    }
  }
}

// Run as a script, not when the test imports digest().
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, writers = '16', keys = '200'] = process.argv.slice(2);
  const store = SqliteStore.open(join(dir, 'store.db'));
  await Promise.all(Array.from({ length: Number(writers) }, (_, i) => writer(store, i, Number(keys))));
}
