import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../api/types.ts';
import { cloneName, clonePatches, cloneRestoreBody, restoreStep, snapshotStep } from './clone.ts';

test('clone name: <vm>-clone-<random>, a DNS label', () => {
  assert.equal(cloneName('fedora01', () => 0), 'fedora01-clone-aaaaa');
  assert.ok(cloneName('x'.repeat(70)).length <= 63);
});

test('the restore targets the new VM, patched to drop MACs and firmware identity', () => {
  const vm = {
    metadata: { name: 'src', namespace: 'ns' },
    spec: { template: { spec: { domain: { firmware: { uuid: 'u-1' }, devices: { interfaces: [{ name: 'a' }, { name: 'b', macAddress: '02:00:00:00:00:01' }] } } } } },
  } as VirtualMachine;
  const r = cloneRestoreBody(vm, 'snap', 'rest', 'copy');
  assert.deepEqual(r.spec.target, { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'copy' });
  assert.equal(r.spec.virtualMachineSnapshotName, 'snap');
  assert.deepEqual(r.spec.patches?.map((p) => JSON.parse(p) as unknown), [
    { op: 'remove', path: '/spec/template/spec/domain/devices/interfaces/1/macAddress' },
    { op: 'remove', path: '/spec/template/spec/domain/firmware/uuid' },
  ]);
  assert.equal('patches' in cloneRestoreBody({ metadata: { name: 'plain' } }, 's', 'r', 't').spec, false);
  assert.deepEqual(clonePatches({}), []);
});

test('steps: pending, done, failed with the reason', () => {
  assert.deepEqual(snapshotStep(undefined), { kind: 'pending' });
  assert.deepEqual(snapshotStep({ metadata: { name: 's' }, status: { phase: 'InProgress' } }), { kind: 'pending' });
  assert.deepEqual(snapshotStep({ metadata: { name: 's' }, status: { phase: 'Succeeded', readyToUse: true } }), { kind: 'done' });
  assert.deepEqual(snapshotStep({ metadata: { name: 's' }, status: { phase: 'Failed', error: { message: 'disk gone' } } }), { kind: 'failed', message: 'disk gone' });
  assert.deepEqual(restoreStep({ metadata: { name: 'r' }, status: { complete: true } }), { kind: 'done' });
  assert.deepEqual(restoreStep({ metadata: { name: 'r' }, status: { complete: false, conditions: [{ type: 'Failure', status: 'True', reason: 'x', message: 'target exists' }] } }), { kind: 'failed', message: 'target exists' });
});
