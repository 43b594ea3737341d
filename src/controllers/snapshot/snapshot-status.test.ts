import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { backupRequest, buildContent } from './content-build.ts';
import { QUIESCE_ANNOTATION, type BackupRequest } from './protocol.ts';
import { computeSnapshotStatus, deadlineExceeded, type SourceState } from './snapshot-status.ts';
import { LOCKED, lockBlocker, sourceState } from './source-lock.ts';
import { testClaims, testSnapshot, testVm } from './testing.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const locked: SourceState = { locked: true, lockMsg: LOCKED, online: false };
const reason = (s: { conditions?: { type: string; reason?: string; status: string }[] }, type: string) => s.conditions?.find((c) => c.type === type);

function readyContent(online: boolean): VirtualMachineSnapshotContent {
  const vmi = online ? ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm1', uid: 'u' }, status: { phase: 'Running', nodeName: 'n' } } as VirtualMachineInstance) : undefined;
  const c = buildContent(testSnapshot(), testVm(), testClaims(), backupRequest(testVm(), vmi, testClaims(), undefined) as BackupRequest);
  return { ...c, status: { readyToUse: true, creationTime: '2025-01-01T00:00:10Z' } };
}

test('a new snapshot is InProgress; Progressing says whether the source is locked', () => {
  const s = computeSnapshotStatus({ snap: testSnapshot(), vm: testVm(), source: { locked: false, lockMsg: 'Source not locked source ns/vm1 volume not bound: vm1-data', online: false }, content: undefined, now: T0 + 1000 });
  assert.equal(s.phase, 'InProgress');
  assert.equal(s.readyToUse, false);
  assert.equal(s.sourceUID, 'vm-uid');
  assert.deepEqual(reason(s, 'Progressing'), { type: 'Progressing', status: 'False', reason: 'Source not locked source ns/vm1 volume not bound: vm1-data', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:01Z' });
  assert.equal(reason(s, 'Ready')?.reason, 'Not ready');
  const l = computeSnapshotStatus({ snap: testSnapshot(), vm: testVm(), source: locked, content: undefined, now: T0 + 2000 });
  assert.deepEqual([reason(l, 'Progressing')?.status, reason(l, 'Progressing')?.reason], ['True', LOCKED]);
});

test('a ready content makes the snapshot Succeeded and readyToUse, with its volumes listed', () => {
  const s = computeSnapshotStatus({ snap: testSnapshot(), vm: testVm(), source: locked, content: readyContent(false), now: T0 + 20_000 });
  assert.equal(s.phase, 'Succeeded');
  assert.equal(s.readyToUse, true);
  assert.equal(s.creationTime, '2025-01-01T00:00:10Z');
  assert.equal(s.virtualMachineSnapshotContentName, `vmsnapshot-content-${testSnapshot().metadata.uid}`);
  assert.equal(reason(s, 'Ready')?.status, 'True');
  assert.equal(reason(s, 'Progressing')?.reason, 'Operation complete');
  assert.deepEqual(s.snapshotVolumes, { includedVolumes: ['data', 'scratch'], excludedVolumes: ['root'] });
  assert.equal(s.indications, undefined, 'offline: no indications');
});

test("online, the indications are Online and how the node quiesced the guest, with KubeVirt's messages", () => {
  const content = readyContent(true);
  content.metadata.annotations![QUIESCE_ANNOTATION] = JSON.stringify({ indication: 'GuestAgent' });
  const vmi = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm1' }, status: { phase: 'Running', conditions: [] } } as VirtualMachineInstance;
  const source = sourceState(testVm(), vmi, 'snap1', content, undefined);
  assert.equal(source.quiesce, 'GuestAgent');
  const s = computeSnapshotStatus({ snap: testSnapshot(), vm: testVm(), source, content, now: T0 + 20_000 });
  assert.deepEqual(s.indications, ['GuestAgent', 'Online']);
  assert.match(s.sourceIndications![0].message, /^Guest agent was active/);
  // Before the node reports, the VMI's conditions say what to expect.
  assert.equal(sourceState(testVm(), vmi, 'snap1', undefined, undefined).quiesce, 'NoGuestAgent');
});

test('past the failure deadline a snapshot is Failed, and the error says what held it up', () => {
  const snap = testSnapshot({ failureDeadline: '10s' });
  const waiting = computeSnapshotStatus({ snap, vm: undefined, source: undefined, content: undefined, now: T0 + 5000 });
  assert.equal(waiting.phase, 'InProgress');
  assert.equal(reason(waiting, 'Progressing')?.reason, 'Source does not exist');
  assert.equal(deadlineExceeded({ ...snap, status: waiting }, T0 + 11_000), true);
  const failed = computeSnapshotStatus({ snap: { ...snap, status: waiting }, vm: undefined, source: undefined, content: undefined, now: T0 + 11_000 });
  assert.equal(failed.phase, 'Failed');
  assert.deepEqual([reason(failed, 'Failure')?.status, reason(failed, 'Failure')?.reason], ['True', 'snapshot deadline exceeded']);
  assert.equal(reason(failed, 'Progressing')?.reason, 'Operation failed');
  assert.equal(failed.error?.message, 'snapshot deadline exceeded: Source does not exist');
  // "0" means no deadline.
  assert.equal(deadlineExceeded({ ...testSnapshot({ failureDeadline: '0' }), status: waiting }, T0 + 86_400_000), false);
});

test('a content error shows on the snapshot, which says "In error state" until its deadline', () => {
  const content = { ...readyContent(false), status: { readyToUse: false, error: { time: 't', message: 'VolumeSnapshot x error: disk full' } } };
  const s = computeSnapshotStatus({ snap: testSnapshot(), vm: testVm(), source: locked, content, now: T0 + 1000 });
  assert.equal(s.phase, 'InProgress');
  assert.equal(s.error?.message, 'VolumeSnapshot x error: disk full');
  assert.equal(reason(s, 'Progressing')?.reason, 'In error state');
});

test('the lock waits for bound, populated claims and for a guest that is off or running', () => {
  const vm = testVm();
  const [data] = testClaims();
  assert.equal(lockBlocker(vm, undefined, [{ name: 'vm1-data', pvc: undefined }], 'snap1'), ' source ns/vm1 volume doesnt exist: vm1-data');
  const filling = { ...data.pvc, metadata: { ...data.pvc.metadata, annotations: { 'vireo.io/populate-request': '{}', 'vireo.io/populate-phase': 'Running' } } };
  assert.equal(lockBlocker(vm, undefined, [{ name: 'vm1-data', pvc: filling }], 'snap1'), ' source ns/vm1 volume not populated: vm1-data');
  const done = { ...filling, metadata: { ...filling.metadata, annotations: { 'vireo.io/populate-request': '{}', 'vireo.io/populate-phase': 'Succeeded' } } };
  assert.equal(lockBlocker(vm, undefined, [{ name: 'vm1-data', pvc: done }], 'snap1'), undefined);
  const starting = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: {}, status: { phase: 'Scheduled' } } as VirtualMachineInstance;
  assert.equal(lockBlocker(vm, starting, [], 'snap1'), ' source ns/vm1 is starting (VMI phase Scheduled)');
  assert.equal(lockBlocker({ ...vm, status: { snapshotInProgress: 'other' } }, undefined, [], 'snap1'), ' snapshot "other" in progress');
});
