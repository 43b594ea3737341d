import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankNodes } from './score.ts';
import { node, pod, vmi } from './testing.ts';

const order = (v: Parameters<typeof rankNodes>[0], nodes: ReturnType<typeof node>[], pods = [] as ReturnType<typeof pod>[], vmis = [] as ReturnType<typeof vmi>[]) =>
  rankNodes(v, nodes, nodes, pods, vmis).map((s) => s.node);

test('equal nodes: the name decides', () => {
  assert.deepEqual(order(vmi('v'), [node('b'), node('a'), node('c')]), ['a', 'b', 'c']);
});

test('least allocated memory wins, counting the VMIs already there', () => {
  const nodes = [node('a', { memory: '8Gi' }), node('b', { memory: '16Gi' })];
  assert.deepEqual(order(vmi('v'), nodes), ['b', 'a']);
  const heavy = vmi('h', { memory: '12Gi', nodeName: 'b', phase: 'Running' });
  assert.deepEqual(order(vmi('v'), nodes, [], [heavy]), ['a', 'b']);
});

test('preferred node affinity outranks free memory (the seed example avoids a labelled node)', () => {
  const nodes = [node('a', { memory: '64Gi', labels: { 'example-node-label-key': 'example-node-label-value' } }), node('b', { memory: '8Gi' })];
  const prefersA = vmi('v', {
    spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'example-node-label-key', operator: 'In', values: ['example-node-label-value'] }] } }] } } },
  });
  assert.deepEqual(order(prefersA, nodes), ['a', 'b']);
  const avoidsA = vmi('w', {
    spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'example-node-label-key', operator: 'DoesNotExist' }] } }] } } },
  });
  assert.deepEqual(order(avoidsA, nodes), ['b', 'a']);
});

test('preferred pod anti-affinity spreads; preferred pod affinity gathers', () => {
  const nodes = [node('a'), node('b')];
  const pods = [pod('x', 'a', { app: 'web' })];
  const term = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' };
  const anti = vmi('v', { spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } } } });
  assert.deepEqual(order(anti, nodes, pods), ['b', 'a']);
  const aff = vmi('w', { spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term }] } } } });
  assert.deepEqual(order(aff, [node('b'), node('a', { memory: '1Gi' })], pods), ['a', 'b']);
});

test('an untolerated PreferNoSchedule taint makes a node a last resort among equals', () => {
  const nodes = [node('a', { memory: '64Gi', taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), node('b')];
  assert.deepEqual(order(vmi('v'), nodes), ['b', 'a']);
  assert.deepEqual(order(vmi('t', { spec: { tolerations: [{ key: 'soft', operator: 'Exists' }] } }), nodes), ['a', 'b']);
});
