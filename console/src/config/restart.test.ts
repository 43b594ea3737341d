import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../api/types.ts';
import { restartNotice } from './restart.ts';

const vm = (conditions: { type: string; status: string; message?: string }[] = []): VirtualMachine => ({ metadata: { name: 'vm1' }, status: { conditions } });
const vmi = { metadata: { name: 'vm1' } };

test('stopped: nothing to say; running: changes apply at the next restart', () => {
  assert.equal(restartNotice(vm(), undefined), undefined);
  assert.deepEqual(restartNotice(vm(), vmi), { kind: 'pending' });
});

test('RestartRequired=True names the pending change, whatever the VMI', () => {
  const m = 'a non-live-updatable field was changed in the template spec';
  assert.deepEqual(restartNotice(vm([{ type: 'RestartRequired', status: 'True', message: m }]), vmi), { kind: 'required', message: m });
  assert.deepEqual(restartNotice(vm([{ type: 'RestartRequired', status: 'False' }]), vmi), { kind: 'pending' });
});
