// Assertions and a watch collector shared by the store contract suite and the backends' own tests.
import assert from 'node:assert/strict';
import { StoreError, type WatchEvent } from './store.ts';

export async function rejectsWith(p: Promise<unknown>, code: StoreError['code'], revision?: number): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StoreError, `expected StoreError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (revision !== undefined) assert.equal(err.revision, revision);
    return true;
  });
}

export interface Collector {
  events: WatchEvent[];
  onEvent: (e: WatchEvent) => void;
  /** Waits for the n-th event (fails after 5 s). */
  until(n: number): Promise<WatchEvent[]>;
}

/** Collects a watch's events. */
export function collector(): Collector {
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
