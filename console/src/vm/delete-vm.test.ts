import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../api/types.ts';
import { deletePlan } from './delete-vm.ts';

test('template DataVolumes are owned; other claims and DataVolumes are only referenced', () => {
  const vm: VirtualMachine = {
    metadata: { name: 'vm', namespace: 'ns' },
    spec: {
      dataVolumeTemplates: [{ metadata: { name: 'vm-root' } }],
      template: { spec: { volumes: [{ name: 'root', dataVolume: { name: 'vm-root' } }, { name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } }, { name: 'other', dataVolume: { name: 'golden' } }, { name: 'ci' }] } },
    },
  };
  assert.deepEqual(deletePlan(vm), { owned: ['vm-root'], referenced: ['shared-data', 'golden'] });
  assert.deepEqual(deletePlan({ metadata: { name: 'x' } }), { owned: [], referenced: [] });
});
