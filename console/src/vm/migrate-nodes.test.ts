import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateOptions, migrationNodes, type NodeObject } from './migrate-nodes.ts';

const node = (name: string, o: { ready?: boolean; cordoned?: boolean; hostname?: string } = {}): NodeObject => ({
  metadata: { name, labels: o.hostname ? { 'kubernetes.io/hostname': o.hostname } : {} },
  spec: o.cordoned ? { unschedulable: true } : {},
  status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});

test('offers Ready schedulable nodes other than the current one, first; says why the others are not', () => {
  const got = migrationNodes([node('n4', { ready: false }), node('n1'), node('n3', { cordoned: true }), node('n2')], 'n1');
  assert.deepEqual(
    got.map((c) => [c.name, c.block]),
    [
      ['n2', undefined],
      ['n1', 'current'],
      ['n3', 'cordoned'],
      ['n4', 'notReady'],
    ],
  );
});

test('a node without conditions is not Ready', () => {
  assert.equal(migrationNodes([{ metadata: { name: 'x' } }], undefined)[0]!.block, 'notReady');
});

test('MigrateOptions: none for the automatic choice, the hostname label for a node', () => {
  assert.deepEqual(migrateOptions(undefined), { apiVersion: 'subresources.kubevirt.io/v1', kind: 'MigrateOptions' });
  const [n] = migrationNodes([node('node2', { hostname: 'host2' })], 'node1');
  assert.deepEqual(migrateOptions(n).addedNodeSelector, { 'kubernetes.io/hostname': 'host2' });
  const [m] = migrationNodes([node('node3')], 'node1');
  assert.deepEqual(migrateOptions(m).addedNodeSelector, { 'kubernetes.io/hostname': 'node3' });
});
