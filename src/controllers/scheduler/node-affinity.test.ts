import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesNodeSelectorAndAffinity, nodeMatchesTerm, preferredNodeAffinityScore } from './node-affinity.ts';
import { node, vmi } from './testing.ts';

const n = node('node-1', { labels: { 'example.io/example-key': 'example-value-2', zone: 'a', rank: '5' } });

test('nodeSelector needs every pair', () => {
  assert.ok(matchesNodeSelectorAndAffinity(vmi('a', { spec: { nodeSelector: { zone: 'a' } } }), n));
  assert.ok(!matchesNodeSelectorAndAffinity(vmi('b', { spec: { nodeSelector: { zone: 'a', other: 'x' } } }), n));
  assert.ok(matchesNodeSelectorAndAffinity(vmi('c'), n));
});

test('required node affinity: terms ORed, expressions ANDed, matchFields on metadata.name', () => {
  const req = (terms: object[]) => vmi('v', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms as never } } } } });
  // The seed's example: In with two values.
  assert.ok(matchesNodeSelectorAndAffinity(req([{ matchExpressions: [{ key: 'example.io/example-key', operator: 'In', values: ['example-value-1', 'example-value-2'] }] }]), n));
  assert.ok(!matchesNodeSelectorAndAffinity(req([{ matchExpressions: [{ key: 'example.io/example-key', operator: 'In', values: ['example-value-1'] }] }]), n));
  // ORed terms
  assert.ok(matchesNodeSelectorAndAffinity(req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]), n));
  // ANDed expressions
  assert.ok(!matchesNodeSelectorAndAffinity(req([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }, { key: 'gpu', operator: 'Exists' }] }]), n));
  assert.ok(matchesNodeSelectorAndAffinity(req([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }, { key: 'gpu', operator: 'DoesNotExist' }, { key: 'rank', operator: 'Gt', values: ['3'] }] }]), n));
  assert.ok(matchesNodeSelectorAndAffinity(req([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }]), n));
  assert.ok(!matchesNodeSelectorAndAffinity(req([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] }]), n));
  // nodeSelector and affinity must both hold
  const both = req([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]);
  both.spec!.nodeSelector = { zone: 'b' };
  assert.ok(!matchesNodeSelectorAndAffinity(both, n));
});

test('an empty term matches no node', () => {
  assert.ok(!nodeMatchesTerm(n, {}));
  assert.ok(!nodeMatchesTerm(n, { matchExpressions: [], matchFields: [] }));
});

test('preferred node affinity sums the weights of the matching terms', () => {
  const v = vmi('v', {
    spec: {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'rank', operator: 'Lt', values: ['10'] }] } },
            { weight: 50, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
          ],
        },
      },
    },
  });
  assert.equal(preferredNodeAffinityScore(v, n), 21);
  assert.equal(preferredNodeAffinityScore(vmi('w'), n), 0);
});
