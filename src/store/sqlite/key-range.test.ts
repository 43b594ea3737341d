import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareKeys, prefixEnd } from './key-range.ts';

test('prefixEnd bumps the last code point', () => {
  assert.equal(prefixEnd('/registry/vms/'), '/registry/vms0');
  assert.equal(prefixEnd('a\u{10ffff}'), 'b');
  assert.equal(prefixEnd('a\ud7ff'), 'a\ue000');
  assert.equal(prefixEnd('\u{10ffff}'), undefined);
  assert.equal(prefixEnd(''), undefined);
});

test('compareKeys orders by code point like SQLite', () => {
  const keys = ['b', 'a\u{1f600}', 'a\uffff', 'a', 'ab', 'a\ue000'];
  keys.sort(compareKeys);
  assert.deepEqual(keys, ['a', 'ab', 'a\ue000', 'a\uffff', 'a\u{1f600}', 'b']);
});
