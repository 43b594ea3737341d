import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors } from '../core/testing.ts';
import { dataSourceKind, type DataSource } from './datasource.ts';

function fedora(): DataSource {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataSource',
    metadata: { name: 'fedora', namespace: 'vireo-os-images' },
    spec: { source: { pvc: { namespace: 'vireo-os-images', name: 'fedora-40' } } },
  };
}

test('a DataSource pointing at a PVC is valid', async () => {
  assert.deepEqual(schemaErrors(dataSourceKind.schema, fedora()), []);
  assert.deepEqual(await admit(dataSourceKind, fedora()), []);
});

test('at most one source', async () => {
  const ds = fedora();
  ds.spec!.source.snapshot = { name: 'fedora-40-snap' };
  assert.deepEqual(brief(await admit(dataSourceKind, ds)), [
    { field: 'spec.source', message: 'Invalid value: only one source may be set, found pvc and snapshot' },
  ]);
});
