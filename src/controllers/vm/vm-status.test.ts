// The VM status one pass writes: requests consumed once done, conditions, generations, strategy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision } from './decide.ts';
import { TEMPLATE_HASH_ANNOTATION, VM_GENERATION_ANNOTATION } from './names.ts';
import { templateHash } from './vmi-from-vm.ts';
import { computeStatus } from './vm-status.ts';
import { NOW, VMI_UID, cond, vmFixture, vmiFixture } from './test-fixtures.ts';

const none: Decision = { action: 'none' };

test('no VMI: Stopped, not created, Ready False VMINotExists', () => {
  const s = computeStatus({ vm: vmFixture('Halted'), vmi: undefined, decision: none, now: NOW });
  assert.equal(s.printableStatus, 'Stopped');
  assert.equal(s.created, false);
  assert.equal(s.ready, false);
  assert.deepEqual(s.conditions, [{ type: 'Ready', status: 'False', reason: 'VMINotExists', message: 'VMI does not exist', lastTransitionTime: '2025-01-01T12:00:00Z' }]);
  // Recorded only from the first VMI on (KubeVirt), so RerunOnFailure can tell a fresh VM.
  assert.equal(s.runStrategy, undefined);
});

test('running VMI: Ready and other conditions mirrored, generations and strategy reported', () => {
  const vm = vmFixture({ running: true }, { generation: 4 });
  const vmi = vmiFixture('Running', {
    annotations: { [VM_GENERATION_ANNOTATION]: '4', [TEMPLATE_HASH_ANNOTATION]: templateHash(vm) },
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T11:00:00Z', lastProbeTime: null },
      { type: 'AgentConnected', status: 'True', lastProbeTime: '2025-01-01T11:59:59Z' },
    ],
  });
  const s = computeStatus({ vm, vmi, decision: none, now: NOW });
  assert.equal(s.printableStatus, 'Running');
  assert.equal(s.created, true);
  assert.equal(s.ready, true);
  assert.equal(s.runStrategy, 'Always');
  assert.equal(s.observedGeneration, 4);
  assert.equal(s.desiredGeneration, 4);
  assert.deepEqual(s.conditions, [
    { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T11:00:00Z' },
    { type: 'AgentConnected', status: 'True' },
  ]);
});

test('computing twice from the written status changes nothing (no write loop)', () => {
  const vm = vmFixture('Always');
  const vmi = vmiFixture('Running', { conditions: [cond('Ready', 'True'), cond('Paused', 'True', 'PausedByUser')] });
  const s1 = computeStatus({ vm, vmi, decision: none, now: NOW });
  const s2 = computeStatus({ vm: { ...vm, status: s1 }, vmi, decision: none, now: NOW + 60_000 });
  assert.deepEqual(s2, s1);
  assert.equal(s1.printableStatus, 'Paused');
  assert.ok(s1.conditions?.some((c) => c.type === 'Paused' && c.status === 'True'));
});

test('a Start request is consumed once a live VMI exists, a Stop once its VMI is gone', () => {
  const start = { stateChangeRequests: [{ action: 'Start' as const }] };
  assert.deepEqual(computeStatus({ vm: vmFixture('Manual', { status: start }), vmi: undefined, decision: { action: 'create', why: '' }, now: NOW }).stateChangeRequests, [{ action: 'Start' }]);
  assert.equal(computeStatus({ vm: vmFixture('Manual', { status: start }), vmi: vmiFixture('Pending'), decision: none, now: NOW }).stateChangeRequests, undefined);
  const restart = { stateChangeRequests: [{ action: 'Stop' as const, uid: VMI_UID }, { action: 'Start' as const }] };
  // Still there: kept, and the VM shows Stopping while it is deleted.
  const s = computeStatus({ vm: vmFixture('Manual', { status: restart }), vmi: vmiFixture('Running'), decision: { action: 'delete', why: '' }, now: NOW });
  assert.equal(s.stateChangeRequests?.length, 2);
  assert.equal(s.printableStatus, 'Stopping');
  // Gone: only the Stop is consumed this pass; the Start waits for the next.
  assert.deepEqual(computeStatus({ vm: vmFixture('Manual', { status: restart }), vmi: undefined, decision: none, now: NOW }).stateChangeRequests, [{ action: 'Start' }]);
  // A new VMI (another uid) also completes the Stop.
  assert.deepEqual(computeStatus({ vm: vmFixture('Always', { status: restart }), vmi: vmiFixture('Pending', { uid: 'new' }), decision: none, now: NOW }).stateChangeRequests, [{ action: 'Start' }]);
});

test('RerunOnFailure: deleting a failed VMI queues a Start, and the failure shows', () => {
  const vmi = vmiFixture('Failed', { reason: 'QemuExited', conditions: [cond('Ready', 'False', 'GuestNotRunning', 'QEMU exited with status 1')] });
  const s = computeStatus({ vm: vmFixture('RerunOnFailure'), vmi, decision: { action: 'delete', why: '', addStartRequest: true }, now: NOW });
  assert.deepEqual(s.stateChangeRequests, [{ action: 'Start' }]);
  assert.equal(s.startFailure?.consecutiveFailCount, 1);
  assert.equal(s.printableStatus, 'CrashLoopBackOff');
  const failure = s.conditions?.find((c) => c.type === 'Failure');
  assert.deepEqual(failure, { type: 'Failure', status: 'True', reason: 'QemuExited', message: 'QEMU exited with status 1', lastTransitionTime: '2025-01-01T12:00:00Z' });
  // Once the failed VMI is gone and the VM waits out the back-off, the failure stays visible.
  const later = computeStatus({ vm: vmFixture('RerunOnFailure', { status: s }), vmi: undefined, decision: { action: 'none', requeueAfterMs: 5000 }, now: NOW + 5000 });
  assert.equal(later.printableStatus, 'CrashLoopBackOff');
  assert.deepEqual(later.conditions?.find((c) => c.type === 'Failure'), failure);
});

test('a failed create shows as Failure FailedCreate while it is retried, and goes once it works', () => {
  const syncError = { reason: 'FailedCreate', message: 'Error creating virtual machine instance: boom' };
  const create: Decision = { action: 'create', why: '' };
  const s1 = computeStatus({ vm: vmFixture('Always'), vmi: undefined, decision: create, now: NOW, syncError });
  assert.equal(s1.conditions?.find((c) => c.type === 'Failure')?.reason, 'FailedCreate');
  const s2 = computeStatus({ vm: vmFixture('Always', { status: s1 }), vmi: undefined, decision: create, now: NOW });
  assert.equal(s2.conditions?.find((c) => c.type === 'Failure')?.reason, 'FailedCreate');
  const s3 = computeStatus({ vm: vmFixture('Always', { status: s2 }), vmi: vmiFixture('Pending'), decision: none, now: NOW });
  assert.equal(s3.conditions?.find((c) => c.type === 'Failure'), undefined);
});

test('RestartRequired when the template spec changed since the VMI was created; gone with the next VMI', () => {
  const before = vmFixture('Always');
  const after = vmFixture('Always', { memory: '1Gi', generation: 2 });
  const vmi = vmiFixture('Running', { annotations: { [TEMPLATE_HASH_ANNOTATION]: templateHash(before), [VM_GENERATION_ANNOTATION]: '1' } });
  const s = computeStatus({ vm: after, vmi, decision: none, now: NOW });
  assert.deepEqual(s.conditions?.find((c) => c.type === 'RestartRequired'), {
    type: 'RestartRequired',
    status: 'True',
    message: 'a non-live-updatable field was changed in the template spec',
    lastTransitionTime: '2025-01-01T12:00:00Z',
  });
  assert.equal(s.observedGeneration, 1);
  assert.equal(s.desiredGeneration, 2);
  const next = vmiFixture('Pending', { uid: 'new', annotations: { [TEMPLATE_HASH_ANNOTATION]: templateHash(after), [VM_GENERATION_ANNOTATION]: '2' } });
  const s2 = computeStatus({ vm: { ...after, status: s }, vmi: next, decision: none, now: NOW });
  assert.equal(s2.conditions?.find((c) => c.type === 'RestartRequired'), undefined);
  assert.equal(s2.observedGeneration, 2);
});
