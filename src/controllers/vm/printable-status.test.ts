// printableStatus from (VM, VMI) fixtures, including KubeVirt's precedence where several hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printableStatus, type PrintableContext } from './printable-status.ts';
import { cond, vmFixture, vmiFixture } from './test-fixtures.ts';

const idle: PrintableContext = { startExpected: false, stopExpected: false, provisioning: false };
const crashing = { startFailure: { consecutiveFailCount: 1, retryAfterTimestamp: '2025-01-01T12:00:10Z' } };

const cases: [string, ReturnType<typeof printableStatus>, Parameters<typeof printableStatus>][] = [
  ['no VMI and none wanted', 'Stopped', [vmFixture('Halted'), undefined, idle]],
  ['no VMI, one about to be created', 'Starting', [vmFixture('Always'), undefined, { ...idle, startExpected: true }]],
  ['VMI without a phase yet', 'Starting', [vmFixture('Always'), vmiFixture(''), idle]],
  ['VMI Pending', 'Starting', [vmFixture('Always'), vmiFixture('Pending'), idle]],
  ['VMI Scheduled', 'Starting', [vmFixture('Always'), vmiFixture('Scheduled'), idle]],
  ['VMI Running', 'Running', [vmFixture('Always'), vmiFixture('Running'), idle]],
  ['VMI Running with Paused=True', 'Paused', [vmFixture('Always'), vmiFixture('Running', { conditions: [cond('Paused', 'True', 'PausedByUser')] }), idle]],
  ['VMI Running with Paused=False', 'Running', [vmFixture('Always'), vmiFixture('Running', { conditions: [cond('Paused', 'False')] }), idle]],
  ['VMI being deleted', 'Stopping', [vmFixture('Halted'), vmiFixture('deleting'), idle]],
  ['VMI about to be deleted', 'Stopping', [vmFixture('Halted'), vmiFixture('Running'), { ...idle, stopExpected: true }]],
  ['VM being deleted (wins over Paused)', 'Terminating', [vmFixture('Always', { deleting: true }), vmiFixture('Running', { conditions: [cond('Paused', 'True')] }), idle]],
  ['VM being deleted, VMI stopping', 'Terminating', [vmFixture('Always', { deleting: true }), vmiFixture('deleting'), idle]],
  ['VMI Succeeded', 'Stopped', [vmFixture('Once'), vmiFixture('Succeeded'), idle]],
  ['VMI Failed under Manual', 'Stopped', [vmFixture('Manual'), vmiFixture('Failed'), idle]],
  ['Failed VMI being replaced under Always with a counted failure', 'CrashLoopBackOff', [vmFixture('Always', { status: crashing }), vmiFixture('Failed'), { ...idle, stopExpected: true }]],
  ['no VMI while backing off', 'CrashLoopBackOff', [vmFixture('Always', { status: crashing }), undefined, idle]],
  ['no VMI, back-off over and a VMI about to be created', 'Starting', [vmFixture('Always', { status: crashing }), undefined, { ...idle, startExpected: true }]],
  ['back-off counted but the VM now Halted', 'Stopped', [vmFixture('Halted', { status: crashing }), undefined, idle]],
  ['unschedulable VMI', 'ErrorUnschedulable', [vmFixture('Always'), vmiFixture('Pending', { conditions: [cond('PodScheduled', 'False', 'Unschedulable', '0/1 nodes are available')] }), idle]],
  ['PodScheduled False for another reason', 'Starting', [vmFixture('Always'), vmiFixture('Pending', { conditions: [cond('PodScheduled', 'False', 'SchedulerError')] }), idle]],
  ['image pull failure reported in status.reason', 'ErrImagePull', [vmFixture('Always'), vmiFixture('Scheduled', { reason: 'ErrImagePull' }), idle]],
  ['image pull failure reported as Synchronized=False', 'ImagePullBackOff', [vmFixture('Always'), vmiFixture('Scheduled', { conditions: [cond('Synchronized', 'False', 'ImagePullBackOff')] }), idle]],
  ['image pull failure on a Failed VMI', 'ErrImagePull', [vmFixture('Always', { status: crashing }), vmiFixture('Failed', { reason: 'ErrImagePull' }), idle]],
  ['volumes provisioning (DataVolume hook)', 'Provisioning', [vmFixture('Always'), undefined, { ...idle, startExpected: true, provisioning: true }]],
  ['running VMI beats provisioning', 'Running', [vmFixture('Always'), vmiFixture('Running'), { ...idle, provisioning: true }]],
  // A VMI whose node was lost: nothing matches.
  ['VMI in phase Unknown', 'Unknown', [vmFixture('Always'), vmiFixture('Unknown'), idle]],
];

for (const [name, want, args] of cases) {
  test(`${name} → ${want}`, () => assert.equal(printableStatus(...args), want));
}

test('a migrating VMI shows Migrating until the migration ends', () => {
  const vmi = vmiFixture('Running');
  vmi.status!.migrationState = { startTimestamp: '2025-01-01T11:00:00Z' };
  assert.equal(printableStatus(vmFixture('Always'), vmi, idle), 'Migrating');
  vmi.status!.migrationState = { startTimestamp: '2025-01-01T11:00:00Z', endTimestamp: '2025-01-01T11:01:00Z', completed: true };
  assert.equal(printableStatus(vmFixture('Always'), vmi, idle), 'Running');
});
