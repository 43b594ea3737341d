import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataSource } from '../../api/cdi/datasource.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { computeDataSourceStatus, pvcSourceOf, readyEvent } from './datasource-status.ts';

const ds = (source: NonNullable<DataSource['spec']>['source'] = { pvc: { name: 'tiny' } }): DataSource => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataSource',
  metadata: { name: 'tiny', namespace: 'images' },
  spec: { source },
});
const pvc = (phase: 'Pending' | 'Bound' = 'Bound'): PersistentVolumeClaim => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'tiny', namespace: 'images' }, status: { phase } });
const dv = (phase: NonNullable<DataVolume['status']>['phase'], message = ''): DataVolume => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'tiny', namespace: 'images' },
  status: { phase, conditions: [{ type: 'Running', status: 'False', reason: 'Error', message }] },
});
const ready = (s: ReturnType<typeof computeDataSourceStatus>) => s.conditions?.find((c) => c.type === 'Ready');
const at = (d: DataSource, p?: PersistentVolumeClaim, v?: DataVolume, now = 'T') => computeDataSourceStatus({ ds: d, pvc: p, dv: v, now });

test('the pvc source defaults to the DataSource namespace', () => {
  assert.deepEqual(pvcSourceOf(ds()), { namespace: 'images', name: 'tiny' });
  assert.deepEqual(pvcSourceOf(ds({ pvc: { name: 'x', namespace: 'other' } })), { namespace: 'other', name: 'x' });
  assert.equal(pvcSourceOf(ds({ snapshot: { name: 's' } })), undefined);
});

test('Ready follows the claim and its DataVolume, with CDI reasons', () => {
  const none = ready(at(ds()));
  assert.deepEqual([none?.status, none?.reason, none?.message], ['False', 'NotFound', 'No source PVC images/tiny']);
  const importing = ready(at(ds(), pvc(), dv('ImportInProgress')));
  assert.deepEqual([importing?.status, importing?.reason, importing?.message], ['False', 'ImportInProgress', 'Import DataVolume images/tiny phase ImportInProgress']);
  const failed = ready(at(ds(), pvc(), dv('Failed', 'HTTP 404 Not Found from https://x/y')));
  assert.deepEqual([failed?.status, failed?.reason, failed?.message], ['False', 'Failed', 'Import DataVolume images/tiny phase Failed: HTTP 404 Not Found from https://x/y']);
  const done = at(ds(), pvc(), dv('Succeeded'));
  assert.deepEqual([ready(done)?.status, ready(done)?.reason], ['True', 'Ready']);
  assert.deepEqual(done.source, { pvc: { name: 'tiny' } });
  // A claim made without a DataVolume is ready once bound.
  assert.equal(ready(at(ds(), pvc('Pending')))?.reason, 'Pending');
  assert.equal(ready(at(ds(), pvc('Bound')))?.status, 'True');
  assert.equal(ready(at(ds({ snapshot: { name: 's' } })))?.reason, 'Unsupported');
  assert.equal(ready(at(ds({})))?.reason, 'NoSource');
});

test('the transition time holds while the status does; events for ready and for a failed import only', () => {
  const first = at(ds(), pvc(), dv('ImportScheduled'));
  const later = at({ ...ds(), status: first }, pvc(), dv('ImportInProgress'), 'LATER');
  assert.equal(ready(later)?.lastTransitionTime, 'T');
  assert.equal(readyEvent(first, later), undefined);
  const failed = at(ds(), pvc(), dv('Failed', 'boom'));
  assert.deepEqual(readyEvent(later, failed), { type: 'Warning', reason: 'ImportFailed', message: 'Import DataVolume images/tiny phase Failed: boom' });
  const done = at(ds(), pvc(), dv('Succeeded'));
  assert.deepEqual(readyEvent(later, done), { type: 'Normal', reason: 'Ready', message: 'DataSource is ready to be consumed' });
  assert.equal(readyEvent(done, done), undefined);
});
