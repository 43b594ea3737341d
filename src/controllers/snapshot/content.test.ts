import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { backupRequest, buildContent, claimVolumes, copyable } from './content-build.ts';
import { computeContentStatus } from './content-status.ts';
import { BACKUP_REQUEST_ANNOTATION, FILES_FINALIZER, snapshotFile, volumeReportKey, type BackupRequest } from './protocol.ts';
import { CONTENT_UID, SNAP_UID, testClaims, testSnapshot, testVm } from './testing.ts';

const runningVmi = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm1', uid: 'vmi-uid' }, status: { phase: 'Running', nodeName: 'node-c' } } as VirtualMachineInstance;

test('the claim-backed volumes of a VM are its dataVolume and persistentVolumeClaim volumes', () => {
  assert.deepEqual(claimVolumes(testVm()), [
    { volumeName: 'data', claimName: 'vm1-data' },
    { volumeName: 'scratch', claimName: 'scratch-pvc' },
  ]);
  assert.equal(testClaims().every((c) => copyable(c.pv)), true);
});

test('offline, the node holding a local volume copies it; a shared one goes to the node that populated it', () => {
  assert.deepEqual(backupRequest(testVm(), undefined, testClaims(), 'node-z'), {
    volumes: [
      { volumeName: 'data', claimName: 'vm1-data', pvName: 'pv-vm1-data', node: 'node-a', shared: false },
      { volumeName: 'scratch', claimName: 'scratch-pvc', pvName: 'pv-scratch-pvc', node: 'node-b', shared: true },
    ],
  });
});

test('online, the node running the guest copies every volume through QEMU', () => {
  const req = backupRequest(testVm(), runningVmi, testClaims(), undefined) as BackupRequest;
  assert.deepEqual(req.online, { node: 'node-c', vmiName: 'vm1', vmiUid: 'vmi-uid' });
  assert.deepEqual(req.volumes.map((v) => v.node), ['node-c', 'node-c']);
});

test('the content copies the VM and each claim as KubeVirt does, with the backup request and the files finalizer', () => {
  const req = backupRequest(testVm(), undefined, testClaims(), undefined) as BackupRequest;
  const c = buildContent(testSnapshot(), testVm(), testClaims(), req);
  assert.equal(c.metadata.name, `vmsnapshot-content-${SNAP_UID}`);
  assert.deepEqual(c.metadata.finalizers, [FILES_FINALIZER]);
  assert.deepEqual(JSON.parse(c.metadata.annotations![BACKUP_REQUEST_ANNOTATION]), req);
  assert.equal(c.spec?.virtualMachineSnapshotName, 'snap1');
  const vm = c.spec!.source.virtualMachine!;
  assert.equal(vm.metadata?.managedFields, undefined);
  assert.equal(vm.metadata?.uid, 'vm-uid');
  assert.deepEqual(vm.spec, testVm().spec);
  assert.deepEqual(
    c.spec!.volumeBackups!.map((b) => [b.volumeName, b.persistentVolumeClaim.metadata?.name, b.persistentVolumeClaim.spec?.storageClassName, b.volumeSnapshotName]),
    [
      ['data', 'vm1-data', 'local', `vmsnapshot-${SNAP_UID}-volume-data`],
      ['scratch', 'scratch-pvc', 'shared', `vmsnapshot-${SNAP_UID}-volume-scratch`],
    ],
  );
});

function content(reports: Record<string, object>): VirtualMachineSnapshotContent {
  const c = buildContent(testSnapshot(), testVm(), testClaims(), backupRequest(testVm(), undefined, testClaims(), undefined) as BackupRequest);
  for (const [v, r] of Object.entries(reports)) c.metadata.annotations![volumeReportKey(v)] = JSON.stringify(r);
  return { ...c, metadata: { ...c.metadata, uid: CONTENT_UID } };
}

test('a content is ready only once every copy is complete; creationTime is set then, once', () => {
  const now = '2025-01-01T00:01:00Z';
  const running = computeContentStatus(content({ data: { phase: 'Succeeded', time: now, creationTime: '2025-01-01T00:00:30Z' }, scratch: { phase: 'Running', time: now } }), now);
  assert.equal(running.readyToUse, false);
  assert.equal(running.creationTime, undefined);
  assert.deepEqual(running.volumeSnapshotStatus?.map((v) => [v.readyToUse, v.creationTime]), [[true, '2025-01-01T00:00:30Z'], [false, undefined]]);
  const c = content({ data: { phase: 'Succeeded', time: now, creationTime: 'a' }, scratch: { phase: 'Succeeded', time: now, creationTime: 'a' } });
  const done = computeContentStatus(c, now);
  assert.equal(done.readyToUse, true);
  assert.equal(done.creationTime, now);
  assert.equal(computeContentStatus({ ...c, status: done }, '2030-01-01T00:00:00Z').creationTime, now);
});

test('a failed copy is the content error, in KubeVirt words, and the content is not ready', () => {
  const now = '2025-01-01T00:01:00Z';
  const s = computeContentStatus(content({ data: { phase: 'Failed', time: now, message: 'disk full' } }), now);
  assert.equal(s.readyToUse, false);
  assert.equal(s.error?.message, `VolumeSnapshot vmsnapshot-${SNAP_UID}-volume-data error: disk full`);
});

test('copy paths stay inside the snapshot directory', () => {
  assert.equal(snapshotFile('/root', CONTENT_UID, 'data'), `/root/snapshots/${CONTENT_UID}/data.img`);
  assert.throws(() => snapshotFile('/root', CONTENT_UID, '../etc'));
  assert.throws(() => snapshotFile('/root', '../x', 'data'));
});
