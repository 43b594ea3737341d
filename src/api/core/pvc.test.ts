import assert from 'node:assert/strict';
import { test } from 'node:test';
import { persistentVolumeClaimKind, type PersistentVolumeClaim } from './pvc.ts';
import { admit, brief, schemaErrors, updateCtx } from './testing.ts';

function pvc(): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'fedora-dv', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'local' },
  };
}

test('a plain claim is valid and defaults to Filesystem, Pending', async () => {
  const c = pvc();
  assert.deepEqual(schemaErrors(persistentVolumeClaimKind.schema, c), []);
  assert.deepEqual(await admit(persistentVolumeClaimKind, c), []);
  assert.equal(c.spec?.volumeMode, 'Filesystem');
  assert.equal(c.status?.phase, 'Pending');
});

test('access modes and a storage request are required', async () => {
  const c = pvc();
  c.spec = {};
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, c)), [
    { field: 'spec.accessModes', message: 'Required value: at least 1 access mode is required' },
    { field: 'spec.resources[storage]', message: 'Required value' },
  ]);
});

/** As stored: defaults applied. */
function stored(c: PersistentVolumeClaim): PersistentVolumeClaim {
  persistentVolumeClaimKind.defaults?.(c);
  return c;
}

test('spec is immutable except growing requests of a bound claim and the first volumeName', async () => {
  const old = stored(pvc());
  const bind = pvc();
  bind.spec!.volumeName = 'local-block-pv10';
  assert.deepEqual(await admit(persistentVolumeClaimKind, bind, updateCtx(old)), []);

  const cls = pvc();
  cls.spec!.storageClassName = 'other';
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, cls, updateCtx(old))), [
    { field: 'spec', message: 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' },
  ]);

  const bound = stored(pvc());
  bound.status = { phase: 'Bound' };
  const grow = pvc();
  grow.spec!.resources!.requests!.storage = '20Gi';
  assert.deepEqual(await admit(persistentVolumeClaimKind, grow, updateCtx(bound)), []);
  const shrink = pvc();
  shrink.spec!.resources!.requests!.storage = '5Gi';
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, shrink, updateCtx(bound))), [
    { field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than previous value' },
  ]);
});

test('columns print RWO and <unset>', () => {
  const c = { ...pvc(), status: { phase: 'Bound' as const, accessModes: ['ReadWriteOnce' as const], capacity: { storage: '10Gi' } } };
  const cell = (name: string) => persistentVolumeClaimKind.printerColumns.find((col) => col.name === name)?.value?.(c);
  assert.equal(cell('Access Modes'), 'RWO');
  assert.equal(cell('VolumeAttributesClass'), '<unset>');
  assert.equal(cell('VolumeMode'), '<unset>');
  assert.deepEqual(
    persistentVolumeClaimKind.printerColumns.map((col) => col.name),
    ['Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode'],
  );
});
