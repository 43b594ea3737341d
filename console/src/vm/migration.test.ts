import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationState, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import { activeMigration, migrationProgress, migrationsByVmi, migrationView, statusProgress } from './migration.ts';

const MiB = 1024 * 1024;

test('progress from what remains, else from what was processed', () => {
  assert.equal(migrationProgress({ dataTotalBytes: 200 * MiB, dataRemainingBytes: 50 * MiB, dataProcessedBytes: 10 * MiB }, false), 75);
  assert.equal(migrationProgress({ dataTotalBytes: 200 * MiB, dataProcessedBytes: 50 * MiB }, false), 25);
  assert.equal(migrationProgress({ dataTotalBytes: 3, dataProcessedBytes: 2 }, false), 66, 'rounded down');
});

test('progress is 0 before the totals are known, and held in 0–99 until Succeeded', () => {
  assert.equal(migrationProgress(undefined, false), 0);
  assert.equal(migrationProgress({}, false), 0);
  assert.equal(migrationProgress({ dataTotalBytes: 0, dataProcessedBytes: 5 }, false), 0);
  assert.equal(migrationProgress({ dataTotalBytes: 100, dataRemainingBytes: 0 }, false), 99);
  assert.equal(migrationProgress({ dataTotalBytes: 100, dataProcessedBytes: 250 }, false), 99, 'dirty pages sent again can exceed the total');
  assert.equal(migrationProgress({ dataTotalBytes: 100, dataRemainingBytes: 180 }, false), 0, 'the total can grow past its first estimate');
  assert.equal(migrationProgress({ dataTotalBytes: 100, dataRemainingBytes: 60 }, true), 100);
  assert.equal(migrationProgress(undefined, true), 100);
});

const vmiWith = (migrationState?: MigrationState, nodeName = 'node1'): VirtualMachineInstance => ({
  metadata: { namespace: 'ns', name: 'vm', uid: 'vmi-uid' },
  status: { phase: 'Running', nodeName, migrationState },
});
const vmim = (name: string, phase: string | undefined, extra: Partial<VirtualMachineInstanceMigration['metadata']> = {}, state?: MigrationState): VirtualMachineInstanceMigration => ({
  metadata: { namespace: 'ns', name, uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
  spec: { vmiName: 'vm' },
  status: { ...(phase ? { phase } : {}), ...(state ? { migrationState: state } : {}) },
});

test('the status shows a percentage only while Migrating', () => {
  const v = vmiWith({ migrationUid: 'uid-m', startTimestamp: 'x', dataTotalBytes: 10, dataRemainingBytes: 4 });
  assert.equal(statusProgress('Migrating', v), 60);
  assert.equal(statusProgress('Running', v), undefined);
  assert.equal(statusProgress('Migrating', undefined), 0);
});

test('migrations group by namespace and VMI; the unfinished one is active', () => {
  const other: VirtualMachineInstanceMigration = { metadata: { namespace: 'other', name: 'x' }, spec: { vmiName: 'vm' } };
  const g = migrationsByVmi([vmim('a', 'Succeeded'), vmim('b', 'Running'), other]);
  assert.deepEqual(g.get('ns/vm')?.map((m) => m.metadata.name), ['a', 'b']);
  assert.deepEqual(g.get('other/vm')?.map((m) => m.metadata.name), ['x']);
  assert.equal(activeMigration(g.get('ns/vm')!)?.metadata.name, 'b');
  assert.equal(activeMigration([vmim('p', undefined)])?.metadata.name, 'p', 'no phase yet is Pending');
  assert.equal(activeMigration([vmim('a', 'Succeeded'), vmim('f', 'Failed')]), undefined);
});

test('view of a running migration: the VMI\'s fresher state, source → target, progress', () => {
  const live: MigrationState = { migrationUid: 'uid-m', sourceNode: 'node1', targetNode: 'node2', targetPod: 'virt-launcher-vm-new', startTimestamp: 't', dataTotalBytes: 100, dataRemainingBytes: 30 };
  const v = migrationView(vmiWith(live), [vmim('old', 'Succeeded', { creationTimestamp: '2025-01-01T00:00:00Z' }), vmim('m', 'Running', {}, { ...live, dataRemainingBytes: 90 })]);
  assert.deepEqual(v, { name: 'm', phase: 'Running', sourceNode: 'node1', targetNode: 'node2', targetPod: 'virt-launcher-vm-new', progress: 70, cancelling: false, outcome: undefined });
});

test('view after success: 100% and the downtime', () => {
  const done: MigrationState = { migrationUid: 'uid-m', sourceNode: 'node1', targetNode: 'node2', completed: true, startTimestamp: '2026-01-01T00:00:01Z', endTimestamp: '2026-01-01T00:00:02.500Z', downtimeMs: 12 };
  const v = migrationView(vmiWith(done, 'node2'), [vmim('m', 'Succeeded', {}, done)]);
  assert.equal(v?.phase, 'Succeeded');
  assert.equal(v?.progress, 100);
  assert.deepEqual(v?.outcome, { kind: 'succeeded', downtimeMs: 12 });
});

test('view after failure: the reason from the state, else from a condition', () => {
  const failed: MigrationState = { migrationUid: 'uid-m', failed: true, failureReason: 'live migration failed: target died' };
  assert.deepEqual(migrationView(vmiWith(failed), [vmim('m', 'Failed')])?.outcome, { kind: 'failed', reason: 'live migration failed: target died' });
  const refused = vmim('r', 'Failed');
  refused.status!.conditions = [{ type: 'Failed', status: 'True', message: 'VMI is not live-migratable' }];
  assert.deepEqual(migrationView(vmiWith(), [refused])?.outcome, { kind: 'failed', reason: 'VMI is not live-migratable' });
});

test('a cancelled migration: cancelling while its object is deleted, then the VMI tells how it ended', () => {
  const running: MigrationState = { migrationUid: 'uid-m', sourceNode: 'node1', targetNode: 'node2', startTimestamp: 't', abortRequested: true };
  const during = migrationView(vmiWith(running), [vmim('m', 'Running', { deletionTimestamp: 'now' })]);
  assert.equal(during?.cancelling, true);
  assert.equal(during?.outcome, undefined);
  // The object is gone; an older finished migration is still listed, but the VMI's state is newer.
  const aborted: MigrationState = { ...running, failed: true, abortStatus: 'Succeeded', failureReason: 'Live migration aborted' };
  const after = migrationView(vmiWith(aborted), [vmim('old', 'Succeeded')]);
  assert.equal(after?.name, undefined);
  assert.equal(after?.phase, 'Failed');
  assert.equal(after?.cancelling, false);
  assert.deepEqual(after?.outcome, { kind: 'cancelled', reason: 'Live migration aborted' });
});

test('no migration: nothing to show; several finished: the newest', () => {
  assert.equal(migrationView(vmiWith(), []), undefined);
  assert.equal(migrationView(undefined, []), undefined);
  const v = migrationView(undefined, [vmim('a', 'Succeeded', { creationTimestamp: '2026-01-01T00:00:00Z' }), vmim('b', 'Failed', { creationTimestamp: '2026-01-02T00:00:00Z' })]);
  assert.equal(v?.name, 'b');
});
