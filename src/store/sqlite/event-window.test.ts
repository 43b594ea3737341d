import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventWindow } from './event-window.ts';
import type { WatchEvent } from '../store.ts';

const ev = (revision: number, key = `/k/${revision}`, value = 'v'): WatchEvent => ({ type: 'put', key, value, revision, created: true });

test('window answers only from its floor up', () => {
  const w = new EventWindow(10, 3, 1 << 20);
  assert.deepEqual(w.since(10, ''), []);
  assert.equal(w.since(9, ''), undefined);
  for (let r = 11; r <= 15; r++) w.push(ev(r));
  assert.equal(w.size, 3);
  assert.equal(w.since(11, ''), undefined, 'revision 12 was evicted');
  assert.deepEqual(w.since(12, '')?.map((e) => e.revision), [13, 14, 15]);
  assert.deepEqual(w.since(14, '')?.map((e) => e.revision), [15]);
  assert.deepEqual(w.since(15, ''), []);
});

test('window filters by prefix and evicts by size', () => {
  const w = new EventWindow(0, 100, 20);
  w.push(ev(1, '/a/1', 'x'.repeat(10)));
  w.push(ev(2, '/b/1', 'x'.repeat(10)));
  assert.equal(w.size, 1);
  assert.equal(w.since(0, '/b/'), undefined);
  assert.deepEqual(w.since(1, '/b/')?.map((e) => e.key), ['/b/1']);
  assert.deepEqual(w.since(1, '/a/'), []);
});

test('dropThrough raises the floor to the compaction mark', () => {
  const w = new EventWindow(0, 100, 1 << 20);
  for (let r = 1; r <= 5; r++) w.push(ev(r));
  w.dropThrough(3);
  assert.equal(w.size, 2);
  assert.equal(w.since(2, ''), undefined);
  assert.deepEqual(w.since(3, '')?.map((e) => e.revision), [4, 5]);
});

test('window keeps working past its internal reclaim threshold', () => {
  const w = new EventWindow(0, 10, 1 << 20);
  for (let r = 1; r <= 5000; r++) w.push(ev(r));
  assert.deepEqual(w.since(4990, '')?.map((e) => e.revision), [4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
  assert.equal(w.since(4989, ''), undefined);
});
