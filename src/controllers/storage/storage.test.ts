import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { StorageClass } from '../../api/storage/storageclass.ts';
import { classOf } from './classes.ts';
import { computeDvStatus, formatProgress, transitionEvent } from './dv-status.ts';
import { POPULATE_MESSAGE_ANNOTATION, POPULATE_PHASE_ANNOTATION, POPULATE_PROGRESS_ANNOTATION, usableBytes } from './protocol.ts';
import { buildPv, pvNode } from './pv-build.ts';

const sc = (name: string, provisioner: string, isDefault = false): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  provisioner,
  reclaimPolicy: 'Delete',
});
const claim = (annotations: Record<string, string> = {}, phase: 'Pending' | 'Bound' = 'Bound', storageClassName?: string): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'disk', namespace: 'ns', uid: 'u-1', annotations },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem', ...(storageClassName !== undefined ? { storageClassName } : {}) },
  status: { phase },
});
const dv: DataVolume = { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'disk', namespace: 'ns' } };
const status = (pvc: PersistentVolumeClaim | undefined, extra: Partial<Parameters<typeof computeDvStatus>[0]> = {}) =>
  computeDvStatus({ dv, pvc, request: { kind: 'http', url: 'http://x/y' }, waitsForConsumer: false, now: 'T', ...extra });
const cond = (s: ReturnType<typeof status>, type: string) => s.conditions?.find((c) => c.type === type);

test('progress is formatted as CDI shows it', () => {
  assert.equal(formatProgress(0.45329), '45.32%');
  assert.equal(formatProgress(0), '0.00%');
  assert.equal(formatProgress(0.99999), '99.99%');
  assert.equal(formatProgress(1), '100.0%');
});

test('usable size keeps the 5.5% filesystem overhead, aligned to a MiB; Block keeps all', () => {
  assert.equal(usableBytes(128 << 20), 120 << 20);
  assert.equal(usableBytes(10 * 2 ** 30), Math.floor((10 * 2 ** 30 * 0.945) / 2 ** 20) * 2 ** 20);
  assert.equal(usableBytes(128 << 20, 'Block'), 128 << 20);
});

test('the CDI phase machine follows the claim and the node report', () => {
  assert.equal(status(undefined).phase, 'Pending');
  assert.equal(status(undefined, { invalid: 'source registry is not supported yet' }).phase, 'Failed');
  assert.equal(status(claim({}, 'Pending')).phase, 'Pending');
  assert.equal(status(claim({}, 'Pending'), { waitsForConsumer: true }).phase, 'WaitForFirstConsumer');
  const scheduled = status(claim());
  assert.equal(scheduled.phase, 'ImportScheduled');
  assert.equal(cond(scheduled, 'Bound')?.status, 'True');
  const running = status(claim({ [POPULATE_PHASE_ANNOTATION]: 'Running', [POPULATE_PROGRESS_ANNOTATION]: '45.32%' }));
  assert.deepEqual([running.phase, running.progress, cond(running, 'Running')?.status], ['ImportInProgress', '45.32%', 'True']);
  const clone = status(claim({ [POPULATE_PHASE_ANNOTATION]: 'Running' }), { request: { kind: 'clone', namespace: 'ns', name: 'src' } });
  assert.equal(clone.phase, 'CloneInProgress');
  const done = status(claim({ [POPULATE_PHASE_ANNOTATION]: 'Succeeded' }));
  assert.deepEqual([done.phase, done.progress, cond(done, 'Ready')?.status, cond(done, 'Running')?.reason], ['Succeeded', '100.0%', 'True', 'Completed']);
  const failed = status(claim({ [POPULATE_PHASE_ANNOTATION]: 'Failed', [POPULATE_MESSAGE_ANNOTATION]: 'HTTP 404 Not Found from http://x/y' }));
  assert.deepEqual([failed.phase, cond(failed, 'Running')?.reason, cond(failed, 'Running')?.message], ['Failed', 'Error', 'HTTP 404 Not Found from http://x/y']);
  assert.deepEqual(transitionEvent('ImportInProgress', failed, { kind: 'http', url: '' }, 'disk'), { type: 'Warning', reason: 'ErrImportFailed', message: 'HTTP 404 Not Found from http://x/y' });
  assert.equal(transitionEvent('Succeeded', done, undefined, 'disk'), undefined);
});

test('a condition keeps its transition time while its status holds', () => {
  const first = status(claim());
  const again = computeDvStatus({ dv: { ...dv, status: first }, pvc: claim(), request: undefined, waitsForConsumer: false, now: 'LATER' });
  assert.equal(cond(again, 'Bound')?.lastTransitionTime, 'T');
  assert.equal(cond(again, 'Bound')?.lastHeartbeatTime, 'LATER');
});

test('a claim without a class gets the default class; "" means none', () => {
  const classes = [sc('local', 'vireo.io/local', true), sc('shared', 'vireo.io/shared')];
  assert.equal(classOf(claim(), classes)?.metadata.name, 'local');
  assert.equal(classOf(claim({}, 'Pending', 'shared'), classes)?.metadata.name, 'shared');
  assert.equal(classOf(claim({}, 'Pending', ''), classes), undefined);
});

test('the provisioner builds a local PV bound to the claim on the chosen node', () => {
  const pv = buildPv(claim(), sc('local', 'vireo.io/local', true), { node: 'n1', root: '/data/volumes/' });
  assert.equal(pv.metadata.name, 'pvc-u-1');
  assert.deepEqual(pv.metadata.finalizers, ['vireo.io/volume-cleanup']);
  assert.deepEqual(pv.spec?.local, { path: '/data/volumes/pvc-u-1' });
  assert.equal(pvNode(pv), 'n1');
  assert.deepEqual(pv.spec?.claimRef, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'ns', name: 'disk', uid: 'u-1' });
  assert.deepEqual([pv.spec?.capacity?.storage, pv.spec?.persistentVolumeReclaimPolicy, pv.spec?.storageClassName, pv.spec?.volumeMode], ['10Gi', 'Delete', 'local', 'Filesystem']);
  const shared = buildPv(claim(), sc('shared', 'vireo.io/shared'), { root: '/data/shared' });
  assert.deepEqual(shared.spec?.hostPath, { path: '/data/shared/pvc-u-1', type: 'DirectoryOrCreate' });
  assert.equal(shared.spec?.nodeAffinity, undefined);
  assert.throws(() => buildPv(claim(), sc('local', 'vireo.io/local'), { root: '/x' }), /needs a node/);
});
