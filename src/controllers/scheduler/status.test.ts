import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundStatus, saysUnschedulable, unschedulableStatus } from './status.ts';
import { vmi } from './testing.ts';

test('binding sets nodeName, phase Scheduled, PodScheduled=True and appends a phase transition', () => {
  const v = vmi('v');
  v.status = { phase: 'Pending', phaseTransitionTimestamps: [{ phase: 'Pending', phaseTransitionTimestamp: 't0' }], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'm', lastTransitionTime: 't0' }, { type: 'Other', status: 'True' }] };
  const s = boundStatus(v, 'node-1', 't1');
  assert.equal(s.nodeName, 'node-1');
  assert.equal(s.phase, 'Scheduled');
  assert.deepEqual(s.phaseTransitionTimestamps, [{ phase: 'Pending', phaseTransitionTimestamp: 't0' }, { phase: 'Scheduled', phaseTransitionTimestamp: 't1' }]);
  assert.deepEqual(s.conditions, [{ type: 'Other', status: 'True' }, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: 't1' }]);
});

test('unschedulable sets phase Pending only when empty and keeps lastTransitionTime while still False', () => {
  const fresh = unschedulableStatus(vmi('v'), 'msg', 't1');
  assert.equal(fresh.phase, 'Pending');
  assert.deepEqual(fresh.phaseTransitionTimestamps, [{ phase: 'Pending', phaseTransitionTimestamp: 't1' }]);
  assert.deepEqual(fresh.conditions, [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'msg', lastProbeTime: null, lastTransitionTime: 't1' }]);
  const v = vmi('v');
  v.status = fresh;
  const again = unschedulableStatus(v, 'other msg', 't2');
  assert.equal(again.phaseTransitionTimestamps?.length, 1);
  assert.equal(again.conditions?.[0]?.message, 'other msg');
  assert.equal(again.conditions?.[0]?.lastTransitionTime, 't1');
  assert.ok(saysUnschedulable(v, 'msg'));
  assert.ok(!saysUnschedulable(v, 'other msg'));
  assert.ok(!saysUnschedulable(vmi('x'), 'msg'));
});
