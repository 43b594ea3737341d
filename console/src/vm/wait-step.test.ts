import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../api/types.ts';
import type { CacheState } from '../api/watch.ts';
import { waitStep } from './wait-step.ts';

type Obj = KubeObject & { state?: string };

function fakeCache() {
  let state: CacheState<Obj> = { items: [], loaded: true } as CacheState<Obj>;
  const subs = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (fn: () => void) => (subs.add(fn), () => void subs.delete(fn)),
    set(items: Obj[]) {
      state = { ...state, items };
      for (const fn of subs) fn();
    },
    subs,
  };
}

const step = (o: Obj | undefined) => (o?.state === 'ok' ? { kind: 'done' as const } : o?.state === 'bad' ? { kind: 'failed' as const, message: 'broke' } : { kind: 'pending' as const });

test('resolves when the named object is done, and unsubscribes', async () => {
  const c = fakeCache();
  const p = waitStep(c, 'a', step, 5_000, 'slow');
  c.set([{ metadata: { name: 'b' }, state: 'ok' }]);
  c.set([{ metadata: { name: 'a' }, state: 'ok' }]);
  await p;
  assert.equal(c.subs.size, 0);
});

test('rejects with the failure, or on time-out', async () => {
  const c = fakeCache();
  const p = waitStep(c, 'a', step, 5_000, 'slow');
  c.set([{ metadata: { name: 'a' }, state: 'bad' }]);
  await assert.rejects(p, /broke/);
  await assert.rejects(waitStep(fakeCache(), 'a', step, 10, 'too slow'), /too slow/);
});
