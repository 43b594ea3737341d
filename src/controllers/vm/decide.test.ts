// Run-strategy decisions for every strategy × VMI state, with and without start/stop requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide } from './decide.ts';
import { VM_FINALIZER } from './names.ts';
import type { RunStrategy, StateChangeRequest } from './run-strategy.ts';
import { NOW, VMI_UID, vmFixture, vmiFixture, type VmiState } from './test-fixtures.ts';

type Req = '' | 'Start' | 'Stop' | 'StopOther';
const requests: Record<Req, StateChangeRequest[] | undefined> = {
  '': undefined,
  Start: [{ action: 'Start' }],
  Stop: [{ action: 'Stop', uid: VMI_UID }],
  StopOther: [{ action: 'Stop', uid: 'someone-else' }],
};

function action(strategy: RunStrategy, state: VmiState | 'none', req: Req = '', runStrategyStatus?: string): string {
  const vm = vmFixture(strategy, { status: { stateChangeRequests: requests[req], ...(runStrategyStatus ? { runStrategy: runStrategyStatus } : {}) } });
  const d = decide(vm, state === 'none' ? undefined : vmiFixture(state), NOW);
  return d.action === 'delete' && d.addStartRequest ? 'delete+start' : d.action;
}

// [strategy, VMI state, request, expected step]
const table: [RunStrategy, VmiState | 'none', Req, string][] = [
  // Always: a VMI always runs; finished ones are replaced; a Stop for this VMI is a restart.
  ['Always', 'none', '', 'create'],
  ['Always', 'Pending', '', 'none'],
  ['Always', 'Running', '', 'none'],
  ['Always', 'Succeeded', '', 'delete'],
  ['Always', 'Failed', '', 'delete'],
  ['Always', 'deleting', '', 'none'],
  ['Always', 'Running', 'Stop', 'delete'],
  ['Always', 'Running', 'StopOther', 'none'],
  ['Always', 'Running', 'Start', 'none'],
  ['Always', 'deleting', 'Stop', 'none'],
  // RerunOnFailure: re-run only after a failure (a Start request remembers it).
  ['RerunOnFailure', 'none', '', 'create'],
  ['RerunOnFailure', 'Pending', '', 'none'],
  ['RerunOnFailure', 'Running', '', 'none'],
  ['RerunOnFailure', 'Succeeded', '', 'delete'],
  ['RerunOnFailure', 'Failed', '', 'delete+start'],
  ['RerunOnFailure', 'deleting', '', 'none'],
  ['RerunOnFailure', 'Running', 'Stop', 'delete'],
  ['RerunOnFailure', 'Running', 'StopOther', 'none'],
  ['RerunOnFailure', 'Failed', 'Stop', 'delete+start'],
  ['RerunOnFailure', 'none', 'Start', 'create'],
  // Manual: only requests change anything.
  ['Manual', 'none', '', 'none'],
  ['Manual', 'none', 'Start', 'create'],
  ['Manual', 'none', 'Stop', 'none'],
  ['Manual', 'Pending', '', 'none'],
  ['Manual', 'Running', '', 'none'],
  ['Manual', 'Running', 'Start', 'none'],
  ['Manual', 'Running', 'Stop', 'delete'],
  ['Manual', 'Running', 'StopOther', 'none'],
  ['Manual', 'Succeeded', '', 'none'],
  ['Manual', 'Failed', '', 'none'],
  ['Manual', 'Succeeded', 'Stop', 'delete'],
  ['Manual', 'deleting', 'Stop', 'none'],
  // Halted: no VMI, ever; a (paused) Start request turns the VM to Always.
  ['Halted', 'none', '', 'none'],
  ['Halted', 'none', 'Start', 'runAlways'],
  ['Halted', 'Pending', '', 'delete'],
  ['Halted', 'Running', '', 'delete'],
  ['Halted', 'Succeeded', '', 'delete'],
  ['Halted', 'Failed', '', 'delete'],
  ['Halted', 'deleting', '', 'none'],
  // Once: one VMI; a finished one stays and is never replaced.
  ['Once', 'none', '', 'create'],
  ['Once', 'Pending', '', 'none'],
  ['Once', 'Running', '', 'none'],
  ['Once', 'Succeeded', '', 'none'],
  ['Once', 'Failed', '', 'none'],
  ['Once', 'deleting', '', 'none'],
  ['Once', 'Running', 'Stop', 'none'],
];

for (const [strategy, state, req, want] of table) {
  test(`${strategy} with VMI ${state}${req ? ` and a ${req} request` : ''} → ${want}`, () => {
    assert.equal(action(strategy, state, req), want);
  });
}

test('RerunOnFailure without a VMI stays stopped once its VMI has run (status.runStrategy recorded)', () => {
  assert.equal(action('RerunOnFailure', 'none', '', 'RerunOnFailure'), 'none');
  assert.equal(action('RerunOnFailure', 'none', 'Start', 'RerunOnFailure'), 'create');
  assert.equal(action('RerunOnFailure', 'none', '', 'Halted'), 'create');
});

test('spec.running true acts as Always, false and absent as Halted', () => {
  assert.equal(decide(vmFixture({ running: true }), undefined, NOW).action, 'create');
  assert.equal(decide(vmFixture({ running: false }), vmiFixture('Running'), NOW).action, 'delete');
  assert.equal(decide(vmFixture(undefined), undefined, NOW).action, 'none');
});

test('a start failure back-off delays the next VMI under Always and RerunOnFailure', () => {
  const status = { startFailure: { consecutiveFailCount: 2, retryAfterTimestamp: new Date(NOW + 15_000).toISOString() } };
  const d = decide(vmFixture('Always', { status }), undefined, NOW);
  assert.deepEqual(d, { action: 'none', why: 'start failure back-off', requeueAfterMs: 15_000 });
  assert.equal(decide(vmFixture('Always', { status }), undefined, NOW + 15_000).action, 'create');
  assert.equal(decide(vmFixture('RerunOnFailure', { status: { ...status, stateChangeRequests: [{ action: 'Start' }] } }), undefined, NOW).action, 'none');
  // Manual starts are the user's and are not delayed.
  assert.equal(decide(vmFixture('Manual', { status: { ...status, stateChangeRequests: [{ action: 'Start' }] } }), undefined, NOW).action, 'create');
});

test('a deleted VM deletes its VMI, waits for it, then drops its finalizer', () => {
  const deleting = (finalizers: string[]) => vmFixture('Always', { deleting: true, finalizers });
  assert.equal(decide(deleting([VM_FINALIZER]), vmiFixture('Running'), NOW).action, 'delete');
  assert.equal(decide(deleting([VM_FINALIZER]), vmiFixture('deleting'), NOW).action, 'none');
  assert.equal(decide(deleting([VM_FINALIZER]), undefined, NOW).action, 'removeFinalizer');
  assert.equal(decide(deleting([]), undefined, NOW).action, 'none');
  // Orphan deletion keeps the VMI.
  assert.equal(decide(deleting([VM_FINALIZER, 'orphan']), vmiFixture('Running'), NOW).action, 'removeFinalizer');
});
