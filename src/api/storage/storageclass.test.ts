import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from '../core/testing.ts';
import { storageClassKind, type StorageClass } from './storageclass.ts';

const LOCAL = `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;

test('the local class is valid; reclaimPolicy defaults to Delete', async () => {
  const sc = yamlObject<StorageClass>(LOCAL);
  assert.deepEqual(schemaErrors(storageClassKind.schema, sc), []);
  assert.deepEqual(await admit(storageClassKind, sc), []);
  assert.equal(sc.reclaimPolicy, 'Delete');
  assert.equal(sc.volumeBindingMode, 'WaitForFirstConsumer');
});

test('NAME shows (default) from the annotation; columns like kubectl', () => {
  const sc = yamlObject<StorageClass>(LOCAL);
  assert.equal(storageClassKind.nameColumn?.(sc), 'local (default)');
  sc.metadata.annotations = {};
  assert.equal(storageClassKind.nameColumn?.(sc), 'local');
  assert.deepEqual(storageClassKind.printerColumns.map((c) => c.name), ['Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  assert.equal(storageClassKind.printerColumns[3].value?.(sc), false);
});

test('provisioner, parameters, reclaimPolicy and binding mode are fixed after creation', async () => {
  const old = yamlObject<StorageClass>(LOCAL);
  storageClassKind.defaults?.(old);
  const cur: StorageClass = { ...old, provisioner: 'other.io/x', parameters: { a: 'b' }, reclaimPolicy: 'Retain', allowVolumeExpansion: true };
  assert.deepEqual(brief(await admit(storageClassKind, cur, updateCtx(old))), [
    { field: 'parameters', message: 'Forbidden: updates to parameters are forbidden.' },
    { field: 'provisioner', message: 'Forbidden: updates to provisioner are forbidden.' },
    { field: 'reclaimPolicy', message: 'Forbidden: updates to reclaimPolicy are forbidden.' },
  ]);
  assert.deepEqual(await admit(storageClassKind, { ...old, allowVolumeExpansion: true }, updateCtx(old)), []);
});

test('binding mode is an enum; provisioner is a qualified name', async () => {
  const sc = yamlObject<StorageClass>(LOCAL) as Record<string, unknown>;
  sc.volumeBindingMode = 'Later';
  assert.ok(schemaErrors(storageClassKind.schema, sc).some((m) => m.startsWith('/volumeBindingMode')));
  const bad = yamlObject<StorageClass>(LOCAL);
  bad.provisioner = 'not a name';
  assert.deepEqual(brief(await admit(storageClassKind, bad)), [
    { field: 'provisioner', message: 'Invalid value: "not a name": must be a qualified name, e.g. example.com/my-provisioner' },
  ]);
});
