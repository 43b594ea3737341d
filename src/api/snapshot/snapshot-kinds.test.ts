import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from '../core/testing.ts';
import { virtualMachineRestoreKind, type VirtualMachineRestore } from './virtualmachinerestore.ts';
import { virtualMachineSnapshotKind, type VirtualMachineSnapshot } from './virtualmachinesnapshot.ts';
import { virtualMachineSnapshotContentKind } from './virtualmachinesnapshotcontent.ts';

const SNAPSHOT = `
apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineSnapshot
metadata:
  name: snap-larry
spec:
  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: vm-larry
`;

const RESTORE = `
apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineRestore
metadata:
  name: restore-larry
spec:
  target:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: vm-larry
  virtualMachineSnapshotName: snap-larry
`;

test('the three kinds are snapshot.kubevirt.io/v1beta1 with KubeVirt short names and columns', () => {
  const s = virtualMachineSnapshotKind;
  assert.deepEqual([s.group, s.version, s.plural, s.shortNames], ['snapshot.kubevirt.io', 'v1beta1', 'virtualmachinesnapshots', ['vmsnapshot', 'vmsnapshots']]);
  assert.deepEqual(s.printerColumns.map((c) => c.name), ['SourceKind', 'SourceName', 'Phase', 'ReadyToUse', 'CreationTime', 'Error']);
  assert.deepEqual(virtualMachineSnapshotContentKind.shortNames, ['vmsnapshotcontent', 'vmsnapshotcontents']);
  assert.deepEqual(virtualMachineRestoreKind.shortNames, ['vmrestore', 'vmrestores']);
  assert.deepEqual(virtualMachineRestoreKind.printerColumns.map((c) => c.name), ['TargetKind', 'TargetName', 'Complete', 'RestoreTime', 'Error']);
});

test("KubeVirt's example snapshot and restore are valid", async () => {
  const snap = yamlObject<VirtualMachineSnapshot>(SNAPSHOT);
  assert.deepEqual(schemaErrors(virtualMachineSnapshotKind.schema, snap), []);
  assert.deepEqual(await admit(virtualMachineSnapshotKind, snap), []);
  const restore = yamlObject<VirtualMachineRestore>(RESTORE);
  assert.deepEqual(schemaErrors(virtualMachineRestoreKind.schema, restore), []);
  assert.deepEqual(await admit(virtualMachineRestoreKind, restore), []);
});

test("a source or target that is not a kubevirt.io VirtualMachine is refused with KubeVirt's words", async () => {
  const snap = yamlObject<VirtualMachineSnapshot>(SNAPSHOT);
  delete snap.spec!.source.apiGroup;
  assert.deepEqual(brief(await admit(virtualMachineSnapshotKind, snap)), [{ field: 'spec.source.apiGroup', message: 'missing apiGroup' }]);
  snap.spec!.source.apiGroup = 'apps';
  assert.deepEqual(brief(await admit(virtualMachineSnapshotKind, snap)), [{ field: 'spec.source.apiGroup', message: 'invalid apiGroup' }]);
  const restore = yamlObject<VirtualMachineRestore>(RESTORE);
  restore.spec!.target.kind = 'VirtualMachineInstance';
  assert.deepEqual(brief(await admit(virtualMachineRestoreKind, restore)), [{ field: 'spec.target.kind', message: 'invalid kind' }]);
});

test('the spec never changes after creation', async () => {
  const old = yamlObject<VirtualMachineSnapshot>(SNAPSHOT);
  const changed = structuredClone(old);
  changed.spec!.source.name = 'other';
  assert.deepEqual(brief(await admit(virtualMachineSnapshotKind, changed, updateCtx(old))), [{ field: 'spec', message: 'spec in immutable after creation' }]);
  const r = yamlObject<VirtualMachineRestore>(RESTORE);
  assert.deepEqual(await admit(virtualMachineRestoreKind, structuredClone(r), updateCtx(r)), []);
});

test('a bad failureDeadline, External mode, InPlace and patches outside /spec/ are refused', async () => {
  const snap = yamlObject<VirtualMachineSnapshot>(SNAPSHOT);
  snap.spec!.failureDeadline = '5';
  snap.spec!.snapshotMode = 'External';
  assert.deepEqual(brief(await admit(virtualMachineSnapshotKind, snap)).map((e) => e.field), ['spec.failureDeadline', 'spec.snapshotMode']);
  const r = yamlObject<VirtualMachineRestore>(RESTORE);
  r.spec!.volumeRestorePolicy = 'InPlace';
  r.spec!.patches = ['{"op": "replace", "path": "/metadata/name", "value": "x"}', '{"op": "replace", "path": "/spec/runStrategy", "value": "Always"}'];
  r.spec!.volumeRestoreOverrides = [{ volumeName: 'data' }];
  assert.deepEqual(brief(await admit(virtualMachineRestoreKind, r)), [
    { field: 'spec.volumeRestorePolicy', message: 'Unsupported value: "InPlace": restores create new claims (RandomizeNames or PrefixTargetName)' },
    { field: 'spec.volumeRestoreOverrides[0]', message: 'must provide at least one overriden field' },
    { field: 'spec.patches', message: 'patching is valid only for elements under /spec/ only: "path": "/metadata/name"' },
  ]);
});
