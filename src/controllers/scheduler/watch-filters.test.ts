import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOurs, needsNode } from './scheduler-controller.ts';
import { node, pod, vmi } from './testing.ts';
import { nodeMaterial, podMaterial, vmiMaterial } from './watch-filters.ts';

test('a node heartbeat is not a change; labels, taints, capacity and readiness are', () => {
  const a = node('n');
  const beat = structuredClone(a);
  beat.status!.conditions![0]!.lastHeartbeatTime = '2030-01-01T00:00:00Z';
  assert.equal(nodeMaterial(beat), nodeMaterial(a));
  const changes: ((n: typeof a) => void)[] = [
    (n) => (n.metadata.labels!.x = 'y'),
    (n) => (n.spec!.taints = [{ key: 'k', effect: 'NoSchedule' }]),
    (n) => (n.status!.allocatable!.memory = '1Gi'),
    (n) => (n.status!.conditions![0]!.status = 'False'),
  ];
  for (const change of changes) {
    const b = structuredClone(a);
    change(b);
    assert.notEqual(nodeMaterial(b), nodeMaterial(a), String(change));
  }
});

test('pod and VMI fingerprints follow placement, labels and phase, not status churn', () => {
  const p = pod('p', 'n', { app: 'x' });
  const ip = structuredClone(p);
  ip.status!.podIP = '10.0.0.2';
  assert.equal(podMaterial(ip), podMaterial(p));
  const moved = structuredClone(p);
  moved.spec!.nodeName = 'm';
  assert.notEqual(podMaterial(moved), podMaterial(p));
  const v = vmi('v', { nodeName: 'n', phase: 'Running' });
  const churn = structuredClone(v);
  churn.status!.interfaces = [{ ipAddress: '10.0.0.3' }];
  assert.equal(vmiMaterial(churn), vmiMaterial(v));
  const done = structuredClone(v);
  done.status!.phase = 'Succeeded';
  assert.notEqual(vmiMaterial(done), vmiMaterial(v));
});

test('which VMIs the default scheduler places', () => {
  assert.ok(needsNode(vmi('v')));
  assert.ok(!needsNode(vmi('v', { nodeName: 'n' })));
  assert.ok(!needsNode(vmi('v', { phase: 'Failed' })));
  const deleting = vmi('v');
  deleting.metadata.deletionTimestamp = '2030-01-01T00:00:00Z';
  assert.ok(!needsNode(deleting));
  assert.ok(isOurs(vmi('v')));
  assert.ok(isOurs(vmi('v', { spec: { schedulerName: 'default-scheduler' } })));
  assert.ok(!isOurs(vmi('v', { spec: { schedulerName: 'my-scheduler' } })));
});
