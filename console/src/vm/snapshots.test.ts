import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineRestore, VirtualMachineSnapshot } from '../api/types.ts';
import { latestRestore, nameProblem, newestByName, unfinishedRestore, restoreBlocker, restoreBody, snapshotBody, snapshotName, snapshotPhase, snapshotsOf, snapshotVolumes, takeSnapshotBlocker } from './snapshots.ts';

const vm = (status: VirtualMachine['status'] = {}, deleting = false): VirtualMachine => ({
  metadata: { name: 'vm1', namespace: 'ns', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: {
    template: {
      spec: {
        volumes: [
          { name: 'root' },
          { name: 'data', dataVolume: { name: 'vm1-data' } },
          { name: 'shared', persistentVolumeClaim: { claimName: 'x' } },
          { name: 'cloudinit' },
        ],
      },
    },
  },
  status,
});
const vmi: VirtualMachineInstance = { metadata: { name: 'vm1', namespace: 'ns' }, status: { phase: 'Running' } };
const snap = (name: string, created: string, status: VirtualMachineSnapshot['status'] = { phase: 'Succeeded', readyToUse: true }, source = 'vm1'): VirtualMachineSnapshot => ({
  metadata: { name, namespace: 'ns', creationTimestamp: created },
  spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: source } },
  status,
});

test('the name: <vm>-snapshot-<5 random lowercase letters or digits>, a valid name', () => {
  const seq = [0, 0.5, 0.99, 0.1, 0.27];
  let i = 0;
  assert.equal(snapshotName('vm1', () => seq[i++]!), 'vm1-snapshot-as9dj');
  assert.equal(snapshotName('vm1', () => 0), 'vm1-snapshot-aaaaa');
  assert.match(snapshotName('fedora-01'), /^fedora-01-snapshot-[a-z0-9]{5}$/);
  assert.notEqual(snapshotName('vm'), snapshotName('vm'));
  assert.equal(nameProblem(snapshotName('fedora-01')), undefined);
  assert.equal(nameProblem(''), 'snapshot.nameRequired');
  for (const bad of ['Upper', '-x', 'x-', 'a_b', 'a'.repeat(254)]) assert.equal(nameProblem(bad), 'snapshot.nameInvalid', bad);
  assert.equal(nameProblem('a.b-c'), undefined);
});

test("the VM's snapshots only, newest first", () => {
  const all = [snap('old', '2026-01-01T00:00:00Z'), snap('other-vm', '2026-01-03T00:00:00Z', undefined, 'vm2'), snap('new', '2026-01-02T00:00:00Z')];
  assert.deepEqual(snapshotsOf(all, vm()).map((s) => s.metadata.name), ['new', 'old']);
});

test('which volumes a snapshot copies: claims and DataVolumes', () => {
  assert.deepEqual(snapshotVolumes(vm()), { included: ['data', 'shared'], excluded: ['root', 'cloudinit'] });
});

test('the bodies the console creates', () => {
  assert.deepEqual(snapshotBody(vm(), 's1'), {
    apiVersion: 'snapshot.kubevirt.io/v1beta1',
    kind: 'VirtualMachineSnapshot',
    metadata: { name: 's1', namespace: 'ns' },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'vm1' } },
  });
  assert.deepEqual(restoreBody(vm(), 's1', 'r1').spec, { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'vm1' }, virtualMachineSnapshotName: 's1' });
  assert.equal(restoreBody(vm(), 's1', 'r1').kind, 'VirtualMachineRestore');
});

test('Restore: only a ready snapshot of a stopped VM that nothing else holds', () => {
  const ready = snap('s', '2026-01-01T00:00:00Z');
  assert.equal(restoreBlocker(vm(), undefined, ready), undefined);
  assert.deepEqual(restoreBlocker(vm({ printableStatus: 'Running' }), vmi, ready), { key: 'snapshot.vmRunning' });
  // Stopping: the VMI is still there, and the controller would wait for it.
  assert.deepEqual(restoreBlocker(vm({ printableStatus: 'Stopping' }), vmi, ready), { key: 'snapshot.vmRunning' });
  assert.deepEqual(restoreBlocker(vm(), undefined, snap('s', '2026-01-01T00:00:00Z', { phase: 'InProgress' })), { key: 'snapshot.notReady' });
  assert.deepEqual(restoreBlocker(vm(), undefined, { ...ready, metadata: { ...ready.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }), { key: 'snapshot.deleting' });
  assert.deepEqual(restoreBlocker(vm({ restoreInProgress: 'r0' }), undefined, ready), { key: 'snapshot.restoreInProgress', vars: { name: 'r0' } });
  assert.deepEqual(restoreBlocker(vm({ snapshotInProgress: 's2' }), undefined, ready), { key: 'snapshot.snapshotInProgress', vars: { name: 's2' } });
  assert.deepEqual(restoreBlocker(vm({}, true), undefined, ready), { key: 'snapshot.vmDeleting' });
});

test('Take snapshot: greyed while the VM is being deleted or restored; running or snapshotting is fine', () => {
  assert.equal(takeSnapshotBlocker(vm({ printableStatus: 'Running', snapshotInProgress: 'other' })), undefined);
  assert.deepEqual(takeSnapshotBlocker(vm({ restoreInProgress: 'r' })), { key: 'snapshot.restoreInProgress', vars: { name: 'r' } });
  assert.deepEqual(takeSnapshotBlocker(vm({}, true)), { key: 'snapshot.vmDeleting' });
});

test('the phase shown, and the newest restore of a snapshot', () => {
  assert.equal(snapshotPhase(snap('s', '', {})), 'Pending');
  assert.equal(snapshotPhase(snap('s', '', { phase: 'InProgress' })), 'InProgress');
  const r = (name: string, created: string, status: VirtualMachineRestore['status']): VirtualMachineRestore => ({
    metadata: { name, namespace: 'ns', creationTimestamp: created },
    spec: { target: { kind: 'VirtualMachine', name: 'vm1' }, virtualMachineSnapshotName: 's' },
    status,
  });
  assert.equal(latestRestore([], vm(), 's'), undefined);
  const failed = r('r1', '2026-01-01T00:00:00Z', { conditions: [{ type: 'Failure', status: 'True', reason: 'Restore target VMI must be powered off before restore operation' }] });
  const waiting = r('r2', '2026-01-02T00:00:00Z', { complete: false, conditions: [{ type: 'Progressing', status: 'True', reason: 'Creating new PVCs' }] });
  assert.deepEqual(latestRestore([failed], vm(), 's'), { kind: 'failed', name: 'r1', message: 'Restore target VMI must be powered off before restore operation' });
  assert.deepEqual(latestRestore([failed, waiting], vm(), 's'), { kind: 'progress', name: 'r2', message: 'Creating new PVCs' });
  assert.deepEqual(latestRestore([r('r3', '2026-01-03T00:00:00Z', { complete: true, restoreTime: '2026-01-03T00:00:09Z' }), waiting], vm(), 's'), { kind: 'complete', name: 'r3', message: '2026-01-03T00:00:09Z' });
  assert.equal(latestRestore([waiting], vm(), 'other'), undefined);
});

test('unfinished restores of this VM, and merging two readings by resourceVersion', () => {
  const r = (name: string, rv: string, status: VirtualMachineRestore['status'], target = 'vm1'): VirtualMachineRestore => ({
    metadata: { name, namespace: 'ns', resourceVersion: rv },
    spec: { target: { kind: 'VirtualMachine', name: target }, virtualMachineSnapshotName: 's' },
    status,
  });
  assert.equal(unfinishedRestore(r('a', '1', undefined), vm()), true);
  assert.equal(unfinishedRestore(r('a', '1', { complete: false }), vm()), true);
  assert.equal(unfinishedRestore(r('a', '1', { complete: true }), vm()), false);
  assert.equal(unfinishedRestore(r('a', '1', { conditions: [{ type: 'Failure', status: 'True' }] }), vm()), false);
  assert.equal(unfinishedRestore(r('a', '1', undefined, 'vm2'), vm()), false);
  const stale = [r('a', '5', { complete: false }), r('b', '3', undefined)];
  const fresh = [r('a', '9', { complete: true })];
  assert.deepEqual(newestByName(stale, fresh).map((x) => [x.metadata.name, x.metadata.resourceVersion]), [['a', '9'], ['b', '3']]);
  assert.deepEqual(newestByName(fresh, stale).map((x) => x.metadata.resourceVersion), ['9', '3']);
});
