import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostCopyTrigger, postCopyCapability } from './postcopy.ts';

const MiB = 2 ** 20;
const LIMIT = 150_000;
const at = (passes: number, remaining: number) => ({ status: 'active', ram: { remaining, 'dirty-sync-count': passes } });

test('not during the first full pass, however little it shrinks', () => {
  const t = new PostCopyTrigger();
  for (let ms = 0; ms < 60_000; ms += 50) assert.equal(t.due(ms, LIMIT, at(1, 100 * MiB)), false);
});

test('when what each pass leaves dirty stops shrinking for two passes after the first', () => {
  const t = new PostCopyTrigger();
  assert.equal(t.due(1000, LIMIT, at(1, 120 * MiB)), false);
  assert.equal(t.due(2000, LIMIT, at(2, 64 * MiB)), false, 'the first pass ended: the baseline');
  // Within a pass "remaining" falls; only the next boundary counts.
  assert.equal(t.due(3000, LIMIT, at(2, 10 * MiB)), false);
  assert.equal(t.due(4000, LIMIT, at(3, 63 * MiB)), false, 'one stalled pass');
  assert.equal(t.due(5000, LIMIT, at(3, 1 * MiB)), false);
  assert.equal(t.due(6000, LIMIT, at(4, 65 * MiB)), true, 'two stalled passes');
});

test('a pass that leaves clearly less resets the count', () => {
  const t = new PostCopyTrigger();
  t.due(1000, LIMIT, at(2, 64 * MiB));
  assert.equal(t.due(2000, LIMIT, at(3, 64 * MiB)), false);
  assert.equal(t.due(3000, LIMIT, at(4, 32 * MiB)), false, 'converging again');
  assert.equal(t.due(4000, LIMIT, at(5, 31 * MiB)), false);
  assert.equal(t.due(5000, LIMIT, at(6, 30 * MiB)), true);
});

test('when half of the completion time is gone, whatever the passes say', () => {
  const t = new PostCopyTrigger();
  assert.equal(t.due(74_999, LIMIT, at(1, 100 * MiB)), false);
  assert.equal(t.due(75_000, LIMIT, at(1, 100 * MiB)), true);
});

test('the capability both ends set', () => {
  assert.deepEqual(postCopyCapability(true), { capability: 'postcopy-ram', state: true });
  assert.deepEqual(postCopyCapability(false), { capability: 'postcopy-ram', state: false });
});
