import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, VirtualMachineInstance } from '../api/types.ts';
import { launcherPod } from './details.ts';

const pod = (name: string, nodeName: string, deleting = false): Pod => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { nodeName },
});
const on = (nodeName: string): VirtualMachineInstance => ({ metadata: { name: 'vm' }, status: { nodeName } });

test('during a migration the launcher pod is the one on the node the VMI names', () => {
  const source = pod('virt-launcher-vm-aaaaa', 'node1');
  const target = pod('virt-launcher-vm-bbbbb', 'node2');
  assert.equal(launcherPod([target, source], on('node1')), source);
  // The hand-over: the VMI names the target, the source pod is on its way out.
  assert.equal(launcherPod([pod(source.metadata.name, 'node1', true), target], on('node2')), target);
});

test('without a node to go by: the first pod not being deleted, else any', () => {
  const a = pod('a', 'node1', true);
  const b = pod('b', 'node1');
  assert.equal(launcherPod([a, b], undefined), b);
  assert.equal(launcherPod([a], on('node9')), a);
  assert.equal(launcherPod([], on('node1')), undefined);
});
