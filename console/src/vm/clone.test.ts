import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../api/types.ts';
import { cloneBody, cloneName, cloneObjectName, clonePath, cloneStep, stepsOf, type VirtualMachineClone } from './clone.ts';

test('clone name: <vm>-clone-<random>, a DNS label', () => {
  assert.equal(cloneName('fedora01', () => 0), 'fedora01-clone-aaaaa');
  assert.ok(cloneName('x'.repeat(70)).length <= 63);
  assert.equal(cloneObjectName('copy', () => 0), 'clone-to-copy-aaaaa');
  assert.ok(cloneObjectName('x'.repeat(300)).length <= 253);
});

test('the VirtualMachineClone copies the VM into the new one', () => {
  const vm = { metadata: { name: 'src', namespace: 'ns' } } as VirtualMachine;
  assert.deepEqual(cloneBody(vm, 'clone-to-copy-x', 'copy'), {
    apiVersion: 'clone.kubevirt.io/v1beta1',
    kind: 'VirtualMachineClone',
    metadata: { name: 'clone-to-copy-x', namespace: 'ns' },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'src' }, target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'copy' } },
  });
  assert.equal(clonePath('ns', 'c'), '/apis/clone.kubevirt.io/v1beta1/namespaces/ns/virtualmachineclones/c');
});

const withPhase = (phase?: NonNullable<VirtualMachineClone['status']>['phase'], message?: string): VirtualMachineClone => ({
  metadata: { name: 'c' },
  spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'src' } },
  status: { phase, conditions: message ? [{ type: 'Ready', status: 'False', reason: 'Failed', message }] : [] },
});

test('the clone: pending, done, failed with the reason', () => {
  assert.deepEqual(cloneStep(undefined), { kind: 'pending' });
  assert.deepEqual(cloneStep(withPhase('RestoreInProgress')), { kind: 'pending' });
  assert.deepEqual(cloneStep(withPhase('Succeeded')), { kind: 'done' });
  assert.deepEqual(cloneStep(withPhase('Failed', 'VirtualMachine src does not exist')), { kind: 'failed', message: 'VirtualMachine src does not exist' });
});

test("the dialog's steps follow the phase", () => {
  assert.deepEqual(stepsOf(undefined), ['snapshot']);
  assert.deepEqual(stepsOf(withPhase('SnapshotInProgress')), ['snapshot']);
  assert.deepEqual(stepsOf(withPhase('RestoreInProgress')), ['snapshot', 'restore']);
  assert.deepEqual(stepsOf(withPhase('CreatingTargetVM')), ['snapshot', 'restore', 'cleanup']);
  assert.deepEqual(stepsOf(withPhase('Succeeded')), ['snapshot', 'restore', 'cleanup']);
});
