import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from './types.ts';
import { validateVmLocks } from './validate-vm-locks.ts';

const vm = (status: VirtualMachine['status'], runStrategy = 'Always', claim = 'a'): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'vm1' },
  spec: { runStrategy, template: { spec: { domain: { devices: {} }, volumes: [{ name: 'd', persistentVolumeClaim: { claimName: claim } }] } } },
  status,
});

test("during a snapshot the VM's volumes and running state stay as they are (KubeVirt's messages)", () => {
  const old = vm({ snapshotInProgress: 's1' });
  assert.deepEqual(validateVmLocks(vm({}, 'Always', 'b'), old).map((e) => e.message), ['Cannot update vm disks or volumes until snapshot "s1" completes']);
  assert.deepEqual(validateVmLocks(vm({}, 'Halted'), old).map((e) => e.message), ['Cannot update vm running state until snapshot "s1" completes']);
  assert.deepEqual(validateVmLocks(vm({ snapshotInProgress: 's1' }), old), []);
});

test('during a restore the run strategy stays; the restore may change the volumes', () => {
  const old = vm({ restoreInProgress: 'r1' }, 'Halted');
  assert.deepEqual(validateVmLocks(vm({}, 'Always'), old).map((e) => e.message), ['Cannot update VM runStrategy until restore "r1" completes']);
  assert.deepEqual(validateVmLocks(vm({}, 'Halted', 'restored'), old), []);
  assert.deepEqual(validateVmLocks(vm({}, 'Halted'), undefined), []);
});
