import assert from 'node:assert/strict';
import { test } from 'node:test';
import { node, vmi } from '../scheduler/testing.ts';
import { chooseTarget } from './target-node.ts';

const running = (o: Parameters<typeof vmi>[1] = {}) => vmi('web', { nodeName: 'n1', phase: 'Running', ...o });

test('never the source node; the only other node when it fits', () => {
  assert.deepEqual(chooseTarget(running(), undefined, [node('n1'), node('n2')], [], []), { node: 'n2' });
  const only = chooseTarget(running(), undefined, [node('n1')], [], []);
  assert.ok('error' in only && /no node other than the source node n1/.test(only.error));
});

test('addedNodeSelector narrows the choice on top of the VMI nodeSelector', () => {
  const nodes = [node('n1'), node('n2', { labels: { zone: 'a' } }), node('n3', { labels: { zone: 'b' } })];
  assert.deepEqual(chooseTarget(running(), { zone: 'b' }, nodes, [], []), { node: 'n3' });
  const none = chooseTarget(running({ spec: { nodeSelector: { zone: 'a' } } }), { zone: 'b' }, nodes, [], []);
  assert.ok('error' in none && /node affinity\/selector/.test(none.error), JSON.stringify(none));
});

test('not-Ready and cordoned nodes and nodes without room are skipped, with the reasons', () => {
  const nodes = [node('n1'), node('n2', { ready: 'False' }), node('n3', { unschedulable: true }), node('n4', { memory: '512Mi' })];
  const r = chooseTarget(running(), undefined, nodes, [], []);
  assert.ok('error' in r);
  assert.match(r.error, /not-ready/);
  assert.match(r.error, /unschedulable/);
  assert.match(r.error, /Insufficient memory/);
  assert.deepEqual(chooseTarget(running(), undefined, [...nodes, node('n5')], [], []), { node: 'n5' });
});
