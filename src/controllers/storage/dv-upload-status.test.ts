import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { buildClaim, populateRequestOf } from './dv-claim.ts';
import { computeDvStatus, transitionEvent } from './dv-status.ts';
import { POPULATE_MESSAGE_ANNOTATION, POPULATE_PHASE_ANNOTATION, POPULATE_PROGRESS_ANNOTATION, UPLOAD_TARGET_ANNOTATION } from './protocol.ts';

const dv: DataVolume = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'disk', namespace: 'ns', uid: 'dv-1' },
  spec: { source: { upload: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
};
const claim = (annotations: Record<string, string>): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'disk', namespace: 'ns', annotations },
  status: { phase: 'Bound' },
});
const status = (annotations: Record<string, string>) => computeDvStatus({ dv, pvc: claim(annotations), request: { kind: 'upload' }, waitsForConsumer: false, now: 'T' });
const cond = (s: ReturnType<typeof status>, type: string) => s.conditions?.find((c) => c.type === type);

test('an upload source asks for an upload and marks its claim as CDI does', () => {
  assert.deepEqual(populateRequestOf(dv), { kind: 'upload' });
  const pvc = buildClaim(dv, { kind: 'upload' }, { defaultClass: 'local', classProvisioner: () => 'vireo.io/local', node: 'n1' });
  assert.ok(typeof pvc !== 'string');
  assert.equal(pvc.metadata.annotations?.[UPLOAD_TARGET_ANNOTATION], '');
});

test('upload phases: UploadScheduled, then UploadReady while waiting and while data flows, then Succeeded', () => {
  const scheduled = status({});
  assert.equal(scheduled.phase, 'UploadScheduled');
  const ready = status({ [POPULATE_PHASE_ANNOTATION]: 'Ready' });
  assert.equal(ready.phase, 'UploadReady');
  assert.equal(ready.progress, 'N/A');
  assert.equal(cond(ready, 'Running')?.status, 'True');
  assert.equal(cond(ready, 'Ready')?.status, 'False');
  const flowing = status({ [POPULATE_PHASE_ANNOTATION]: 'Running', [POPULATE_PROGRESS_ANNOTATION]: '45.32%' });
  assert.equal(flowing.phase, 'UploadReady');
  assert.equal(flowing.progress, '45.32%');
  assert.equal(cond(flowing, 'Ready')?.reason, 'TransferRunning');
  const done = status({ [POPULATE_PHASE_ANNOTATION]: 'Succeeded' });
  assert.equal(done.phase, 'Succeeded');
  assert.equal(cond(done, 'Running')?.message, 'Upload Complete');
});

test('a cut-off or refused upload is UploadReady again with the reason; a failed conversion is Failed', () => {
  const again = status({ [POPULATE_PHASE_ANNOTATION]: 'Ready', [POPULATE_MESSAGE_ANNOTATION]: 'upload into ns/disk: the connection closed after 5 of 10 bytes' });
  assert.equal(again.phase, 'UploadReady');
  assert.match(cond(again, 'Running')?.message ?? '', /closed after 5 of 10 bytes/);
  const failed = status({ [POPULATE_PHASE_ANNOTATION]: 'Failed', [POPULATE_MESSAGE_ANNOTATION]: 'disk full' });
  assert.equal(failed.phase, 'Failed');
  assert.equal(cond(failed, 'Running')?.message, 'disk full');
});

test("upload events use CDI's reasons and messages", () => {
  const ev = (annotations: Record<string, string>, from?: 'UploadReady') => transitionEvent(from, status(annotations), { kind: 'upload' }, 'disk');
  assert.deepEqual(ev({}), { type: 'Normal', reason: 'UploadScheduled', message: 'Upload into disk scheduled' });
  assert.deepEqual(ev({ [POPULATE_PHASE_ANNOTATION]: 'Ready' }), { type: 'Normal', reason: 'UploadReady', message: 'Upload into disk ready' });
  assert.equal(ev({ [POPULATE_PHASE_ANNOTATION]: 'Running' }, 'UploadReady'), undefined);
  assert.deepEqual(ev({ [POPULATE_PHASE_ANNOTATION]: 'Succeeded' }, 'UploadReady'), { type: 'Normal', reason: 'UploadSucceeded', message: 'Successfully uploaded into disk' });
  assert.deepEqual(ev({ [POPULATE_PHASE_ANNOTATION]: 'Failed', [POPULATE_MESSAGE_ANNOTATION]: 'disk full' }, 'UploadReady'), { type: 'Warning', reason: 'UploadFailed', message: 'disk full' });
});
