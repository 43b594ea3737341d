// CrashLoopBackOff bookkeeping: the back-off schedule, counting failures once, and the reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESET_AFTER_MS, backoffLeftMs, backoffSeconds, nextStartFailure, resetCheckInMs } from './start-failure.ts';
import { NOW, VMI_UID, vmFixture, vmiFixture } from './test-fixtures.ts';

test('back-off doubles from 10 s and stops at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds), [10, 20, 40, 80, 160, 300, 300, 300]);
});

test('a VMI failing before it ran counts once, with the back-off after it', () => {
  const vm = vmFixture('Always');
  const first = nextStartFailure(vm, vmiFixture('Failed'), NOW);
  assert.deepEqual(first, { retries: 1, consecutiveFailCount: 1, lastFailedVMIUID: VMI_UID, retryAfterTimestamp: '2025-01-01T12:00:10Z' });
  // Seen again: not counted twice.
  assert.equal(nextStartFailure(vmFixture('Always', { status: { startFailure: first } }), vmiFixture('Failed'), NOW + 5000), first);
  // The next VMI fails too: 20 s.
  const second = nextStartFailure(vmFixture('Always', { status: { startFailure: first } }), vmiFixture('Failed', { uid: 'vmi-2' }), NOW);
  assert.equal(second?.consecutiveFailCount, 2);
  assert.equal(second?.retryAfterTimestamp, '2025-01-01T12:00:20Z');
  assert.equal(backoffLeftMs(vmFixture('Always', { status: { startFailure: second } }), NOW + 5000), 15_000);
});

test('a VMI that ran briefly before failing still counts; one that ran long enough does not', () => {
  const vm = vmFixture('RerunOnFailure');
  const brief = vmiFixture('Failed', { transitions: { Running: NOW - 60_000, Failed: NOW } });
  assert.equal(nextStartFailure(vm, brief, NOW)?.consecutiveFailCount, 1);
  const long = vmiFixture('Failed', { transitions: { Running: NOW - RESET_AFTER_MS - 1000, Failed: NOW } });
  assert.equal(nextStartFailure(vm, long, NOW), undefined);
});

test('a guest that powered off (Succeeded) is not a failure', () => {
  assert.equal(nextStartFailure(vmFixture('Always'), vmiFixture('Succeeded'), NOW), undefined);
});

test('the count resets once a VMI has run long enough, and is dropped by non-restarting strategies', () => {
  const startFailure = { consecutiveFailCount: 3, lastFailedVMIUID: 'old', retryAfterTimestamp: '2025-01-01T11:59:00Z' };
  const vm = vmFixture('Always', { status: { startFailure } });
  const running = vmiFixture('Running', { transitions: { Running: NOW - 1000 } });
  assert.equal(nextStartFailure(vm, running, NOW), startFailure);
  assert.equal(resetCheckInMs(vm, running, NOW), RESET_AFTER_MS - 1000);
  assert.equal(nextStartFailure(vm, running, NOW + RESET_AFTER_MS), undefined);
  // Without a recorded transition, the Ready condition's transition tells since when it runs.
  const ready = vmiFixture('Running', { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(NOW - RESET_AFTER_MS).toISOString() }] });
  assert.equal(nextStartFailure(vm, ready, NOW), undefined);
  assert.equal(nextStartFailure(vmFixture('Manual', { status: { startFailure } }), undefined, NOW), undefined);
  assert.equal(nextStartFailure(vmFixture('Halted', { status: { startFailure } }), undefined, NOW), undefined);
});
