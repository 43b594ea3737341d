import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedKeys, keptByFilters } from './filters.ts';

const labels = { app: 'web', tier: 'db', 'someKey/a': '1', 'someKey/b': '2', 'anotherKey/x': '3' };

test('no filters keep every key', () => {
  assert.equal(keptByFilters('anything', undefined), true);
  assert.deepEqual(droppedKeys(labels, undefined), []);
  assert.deepEqual(droppedKeys(undefined, ['*']), []);
});

test('"*" with a negated prefix keeps all but that prefix', () => {
  assert.deepEqual(droppedKeys(labels, ['*', '!someKey/*']), ['someKey/a', 'someKey/b']);
  assert.deepEqual(droppedKeys(labels, ['*', '!tier']), ['tier']);
});

test('plain filters keep only what they match; negation wins whatever the order', () => {
  assert.deepEqual(droppedKeys(labels, ['anotherKey/*']), ['app', 'tier', 'someKey/a', 'someKey/b']);
  assert.deepEqual(droppedKeys(labels, ['!someKey/a', 'someKey/*']), ['app', 'tier', 'someKey/a', 'anotherKey/x']);
  assert.equal(keptByFilters('app', ['app']), true);
  assert.equal(keptByFilters('apple', ['app']), false, 'without * a filter is the whole key');
});

test("only negations keep nothing (KubeVirt's rule: a key must match a plain filter)", () => {
  assert.deepEqual(droppedKeys({ a: '1', b: '2' }, ['!a']), ['a', 'b']);
  assert.deepEqual(droppedKeys({ a: '1' }, []), ['a']);
});
