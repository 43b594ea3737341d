import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { volumesState } from './vm-datavolumes.ts';

const dv = (phase?: NonNullable<DataVolume['status']>['phase']): DataVolume => ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: {}, ...(phase ? { status: { phase } } : {}) });

test('a VM starts only when all its DataVolumes succeeded, and says why not', () => {
  assert.equal(volumesState([]), 'Ready');
  assert.equal(volumesState([dv('Succeeded'), dv('Succeeded')]), 'Ready');
  assert.equal(volumesState([dv('Succeeded'), dv('ImportInProgress')]), 'Provisioning');
  assert.equal(volumesState([undefined]), 'Provisioning');
  assert.equal(volumesState([dv('Pending'), dv('ImportInProgress')]), 'WaitingForVolumeBinding');
  assert.equal(volumesState([dv('WaitForFirstConsumer')]), 'WaitingForVolumeBinding');
  assert.equal(volumesState([dv('Failed'), dv('Pending')]), 'DataVolumeError');
});
