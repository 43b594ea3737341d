import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from './types.ts';
import { waitForCached } from './wait-cached.ts';
import type { CacheState } from './watch.ts';

/** A cache whose items the test sets, counting subscribers. */
function fakeCache() {
  let state: CacheState<KubeObject> = { items: [], loaded: true };
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (fn: () => void) => (listeners.add(fn), () => listeners.delete(fn)),
    set(items: KubeObject[]) {
      state = { items, loaded: true };
      for (const l of listeners) l();
    },
    listeners,
  };
}

test('resolves when the object arrives, and lets go of the cache', async () => {
  const c = fakeCache();
  const p = waitForCached(c, (o) => o.metadata.name === 'a', 5_000);
  assert.equal(c.listeners.size, 1, 'subscribed (which keeps the watch running)');
  c.set([{ metadata: { name: 'b' } }]);
  c.set([{ metadata: { name: 'b' } }, { metadata: { name: 'a' } }]);
  assert.equal(await p, true);
  assert.equal(c.listeners.size, 0);
});

test('already there: at once; never there: false after the timeout', async () => {
  const c = fakeCache();
  c.set([{ metadata: { name: 'a' } }]);
  assert.equal(await waitForCached(c, (o) => o.metadata.name === 'a', 5_000), true);
  assert.equal(await waitForCached(c, (o) => o.metadata.name === 'z', 20), false);
  assert.equal(c.listeners.size, 0);
});
