import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { localDisks } from './local-disks.ts';

test('overlays and empty disks travel; cloud-init media and claims do not (claims are handled apart)', () => {
  const vmi = {
    metadata: { name: 'x', namespace: 'default' },
    spec: {
      domain: { devices: { disks: [{ name: 'root' }, { name: 'ci' }, { name: 'scratch' }, { name: 'data' }, { name: 'eph' }] } },
      volumes: [
        { name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } },
        { name: 'ci', cloudInitNoCloud: { userData: '#cloud-config' } },
        { name: 'scratch', emptyDisk: { capacity: '1Gi' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'eph', ephemeral: { persistentVolumeClaim: { claimName: 'golden' } } },
      ],
    },
  } as unknown as VirtualMachineInstance;
  assert.deepEqual(localDisks(vmi), [
    { name: 'root', node: 'drive0' },
    { name: 'scratch', node: 'drive2' },
    { name: 'eph', node: 'drive4' },
  ]);
});
