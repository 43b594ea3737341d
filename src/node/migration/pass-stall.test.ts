import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassStall } from './pass-stall.ts';

const MiB = 2 ** 20;
const at = (passes: number, remaining: number) => ({ status: 'active', ram: { remaining, 'dirty-sync-count': passes } });

test('counts only pass boundaries after the first full pass', () => {
  const s = new PassStall();
  assert.equal(s.observe(at(1, 200 * MiB)), 0);
  assert.equal(s.observe(at(1, 20 * MiB)), 0);
  assert.equal(s.observe(at(2, 64 * MiB)), 0, 'the baseline');
  assert.equal(s.observe(at(2, 1 * MiB)), 0, 'within a pass it always falls');
  assert.equal(s.observe(at(3, 60 * MiB)), 1, 'less, but not 10% less');
  assert.equal(s.observe(at(5, 70 * MiB)), 2, 'a boundary seen late still counts once');
});

test('a pass that leaves clearly less starts the count again', () => {
  const s = new PassStall();
  s.observe(at(2, 64 * MiB));
  assert.equal(s.observe(at(3, 64 * MiB)), 1);
  assert.equal(s.observe(at(4, 16 * MiB)), 0);
});
