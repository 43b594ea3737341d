import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countUntolerated, effectiveTaints, firstUntolerated, tolerates } from './taints.ts';
import { node } from './testing.ts';

const taint = { key: 'key', value: 'virtualization', effect: 'NoSchedule' } as const;

test('tolerations match taints as in Kubernetes', () => {
  assert.ok(tolerates({ key: 'key', operator: 'Equal', value: 'virtualization', effect: 'NoSchedule' }, taint));
  assert.ok(tolerates({ key: 'key', value: 'virtualization' }, taint), 'operator defaults to Equal, empty effect matches all');
  assert.ok(!tolerates({ key: 'key', operator: 'Equal', value: 'other' }, taint));
  assert.ok(tolerates({ key: 'key', operator: 'Exists' }, taint));
  assert.ok(!tolerates({ key: 'other', operator: 'Exists' }, taint));
  assert.ok(tolerates({ operator: 'Exists' }, taint), 'empty key with Exists tolerates everything');
  assert.ok(!tolerates({ key: 'key', operator: 'Exists', effect: 'NoExecute' }, taint), 'effect must match when given');
  assert.ok(tolerates({ operator: 'Exists', effect: 'NoSchedule' }, taint));
});

test('a node that is not Ready carries the not-ready or unreachable taint', () => {
  assert.deepEqual(effectiveTaints(node('a')), []);
  assert.deepEqual(effectiveTaints(node('b', { ready: 'False' })), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  assert.deepEqual(effectiveTaints(node('c', { ready: 'none' })), [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
});

test('firstUntolerated looks only at the given effects', () => {
  const n = node('a', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }, taint, { key: 'evict', value: 'x', effect: 'NoExecute' }] });
  assert.deepEqual(firstUntolerated(n, [], ['NoSchedule', 'NoExecute']), taint);
  assert.equal(firstUntolerated(n, [{ key: 'key', operator: 'Exists' }], ['NoSchedule'])?.key, undefined);
  assert.equal(firstUntolerated(n, [{ key: 'key', operator: 'Exists' }], ['NoSchedule', 'NoExecute'])?.key, 'evict');
  assert.equal(countUntolerated(n, [], 'PreferNoSchedule'), 1);
  assert.equal(countUntolerated(n, [{ key: 'soft', operator: 'Exists' }], 'PreferNoSchedule'), 0);
});
