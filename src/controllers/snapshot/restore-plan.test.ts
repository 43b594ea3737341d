import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineRestore, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { POPULATE_REQUEST_ANNOTATION, SELECTED_NODE_ANNOTATION } from '../storage/protocol.ts';
import { backupRequest, buildContent } from './content-build.ts';
import type { BackupRequest } from './protocol.ts';
import { LAST_RESTORE_ANNOTATION, POPULATED_FOR_ANNOTATION, obsoleteDataVolumes, plannedRestores, restoreClaim, restoredVm } from './restore-plan.ts';
import { GRACE_PERIOD_EXCEEDED, TARGET_NOT_READY, WAIT_GRACE_PERIOD, notReadyAction } from './restore-status.ts';
import { CONTENT_UID, testClaims, testSnapshot, testVm } from './testing.ts';

const R_UID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function restore(spec: Partial<NonNullable<VirtualMachineRestore['spec']>> = {}): VirtualMachineRestore {
  return {
    apiVersion: 'snapshot.kubevirt.io/v1beta1',
    kind: 'VirtualMachineRestore',
    metadata: { name: 'r1', namespace: 'ns', uid: R_UID, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'vm1' }, virtualMachineSnapshotName: 'snap1', ...spec },
  };
}

function content(): VirtualMachineSnapshotContent {
  const c = buildContent(testSnapshot(), testVm(), testClaims(), backupRequest(testVm(), undefined, testClaims(), undefined) as BackupRequest);
  return { ...c, metadata: { ...c.metadata, uid: CONTENT_UID } };
}

test("each backup gets a claim named restore-<uid>-<volume>; a template's DataVolume gets the same name", () => {
  assert.deepEqual(plannedRestores(restore(), content()), [
    { volumeName: 'data', persistentVolumeClaim: `restore-${R_UID}-data`, volumeSnapshotName: `vmsnapshot-${testSnapshot().metadata.uid}-volume-data`, dataVolumeName: `restore-${R_UID}-data` },
    { volumeName: 'scratch', persistentVolumeClaim: `restore-${R_UID}-scratch`, volumeSnapshotName: `vmsnapshot-${testSnapshot().metadata.uid}-volume-scratch` },
  ]);
  const named = plannedRestores(restore({ volumeRestorePolicy: 'PrefixTargetName', volumeRestoreOverrides: [{ volumeName: 'scratch', restoreName: 'my-scratch' }] }), content());
  assert.deepEqual(named.map((r) => r.persistentVolumeClaim), ['vm1-data', 'my-scratch']);
});

test('a restored claim is filled from the copy on the node that holds it, without the old claim’s provisioning annotations', () => {
  const c = content();
  const [vr] = plannedRestores(restore(), c);
  const request = JSON.parse(c.metadata.annotations!['snapshot.vireo.io/backup-request']) as BackupRequest;
  const pvc = restoreClaim(restore(), c.spec!.volumeBackups![0], vr, request.volumes[0], CONTENT_UID, { name: 'vm1', namespace: 'ns' });
  assert.equal(pvc.metadata.name, `restore-${R_UID}-data`);
  assert.deepEqual(JSON.parse(pvc.metadata.annotations![POPULATE_REQUEST_ANNOTATION]), { kind: 'snapshot', contentUid: CONTENT_UID, volumeName: 'data', shared: false });
  assert.equal(pvc.metadata.annotations![SELECTED_NODE_ANNOTATION], 'node-a');
  assert.equal(pvc.metadata.annotations![POPULATED_FOR_ANNOTATION], `restore-${R_UID}-data`);
  assert.equal(pvc.metadata.annotations!['pv.kubernetes.io/bind-completed'], undefined);
  assert.equal(pvc.metadata.annotations![LAST_RESTORE_ANNOTATION], `r1-${R_UID}`);
  assert.deepEqual(pvc.metadata.labels, { l: 'v', 'restore.kubevirt.io/source-vm-name': 'vm1', 'restore.kubevirt.io/source-vm-namespace': 'ns' });
  assert.deepEqual(pvc.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'local' });
});

test('the existing VM gets the snapshot spec with its volumes on the new claims, and keeps its run strategy', () => {
  const c = content();
  const restores = plannedRestores(restore(), c);
  const target = { ...testVm(), spec: { ...testVm().spec!, runStrategy: 'Halted' } };
  const vm = restoredVm(restore(), c.spec!.source.virtualMachine!, target, restores);
  assert.equal(vm.metadata.uid, 'vm-uid');
  assert.equal(vm.metadata.annotations![LAST_RESTORE_ANNOTATION], `r1-${R_UID}`);
  assert.equal(vm.spec?.runStrategy, 'Halted');
  assert.equal(vm.spec?.dataVolumeTemplates?.[0].metadata.name, `restore-${R_UID}-data`);
  assert.deepEqual(vm.spec?.template.spec?.volumes, [
    { name: 'root', containerDisk: { image: 'img' } },
    { name: 'data', dataVolume: { name: `restore-${R_UID}-data` } },
    { name: 'scratch', persistentVolumeClaim: { claimName: `restore-${R_UID}-scratch` } },
  ]);
  assert.deepEqual(obsoleteDataVolumes(target, vm), ['vm1-data']);
});

test('a dataVolume that no template made becomes a persistentVolumeClaim volume', () => {
  const c = content();
  c.spec!.source.virtualMachine!.spec.dataVolumeTemplates = [];
  const restores = plannedRestores(restore(), c);
  assert.equal(restores[0].dataVolumeName, undefined);
  const vm = restoredVm(restore(), c.spec!.source.virtualMachine!, testVm(), restores);
  assert.deepEqual(vm.spec?.template.spec?.volumes?.[1], { name: 'data', persistentVolumeClaim: { claimName: `restore-${R_UID}-data` } });
  assert.equal(vm.spec?.dataVolumeTemplates, undefined);
});

test('a new target VM is created stopped, with the restore’s patches applied', () => {
  const c = content();
  const r = restore({ target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'vm2' }, patches: ['{"op": "add", "path": "/metadata/labels/copy", "value": "yes"}'] });
  const vm = restoredVm(r, c.spec!.source.virtualMachine!, undefined, plannedRestores(r, c));
  assert.equal(vm.metadata.name, 'vm2');
  assert.equal(vm.metadata.uid, undefined);
  assert.deepEqual(vm.metadata.labels, { app: 'x', copy: 'yes' });
  assert.equal(vm.spec?.runStrategy, 'Halted');
});

test('while the target runs: wait up to 5m by default, fail at once with FailImmediate', () => {
  const now = Date.parse('2025-01-01T00:01:00Z');
  assert.deepEqual(notReadyAction(restore(), now), { kind: 'wait', reason: WAIT_GRACE_PERIOD });
  assert.deepEqual(notReadyAction(restore(), now + 5 * 60_000), { kind: 'fail', reason: GRACE_PERIOD_EXCEEDED });
  assert.deepEqual(notReadyAction(restore({ targetReadinessPolicy: 'FailImmediate' }), now), { kind: 'fail', reason: TARGET_NOT_READY });
  assert.deepEqual(notReadyAction(restore({ targetReadinessPolicy: 'StopTarget' }), now), { kind: 'stop' });
});
