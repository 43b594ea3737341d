import assert from 'node:assert/strict';
import { test } from 'node:test';
import { persistentVolumeClaimKind, type PersistentVolumeClaim } from './pvc.ts';
import type { AdmissionContext } from '../../machinery/kind.ts';
import type { KubeObject } from '../../machinery/object.ts';
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
  assert.deepEqual(await admit(persistentVolumeClaimKind, grow, expandCtx(bound, true)), []);
  const shrink = pvc();
  shrink.spec!.resources!.requests!.storage = '5Gi';
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, shrink, updateCtx(bound))), [
    { field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than previous value' },
  ]);
});

/** An update context whose lookups find StorageClass `local` (with `allow`) and PV `pv-1` of class `local`. */
function expandCtx(old: PersistentVolumeClaim, allow: boolean | undefined): AdmissionContext {
  const objects: Record<string, KubeObject> = {
    'StorageClass/local': { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'vireo.io/local', ...(allow === undefined ? {} : { allowVolumeExpansion: allow }) } as KubeObject,
    'PersistentVolume/pv-1': { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { storageClassName: 'local' } } as KubeObject,
  };
  return { ...updateCtx(old), get: async (_v, kind, _ns, name) => objects[`${kind}/${name}`] };
}

const RESIZE = 'Forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

test('a bound claim grows only when its StorageClass allows volume expansion, and never shrinks', async () => {
  const bound = stored(pvc());
  bound.spec!.volumeName = 'pv-1';
  bound.status = { phase: 'Bound', capacity: { storage: '10Gi' } };
  const grow = () => {
    const c = pvc();
    c.spec!.volumeName = 'pv-1';
    c.spec!.resources!.requests!.storage = '20Gi';
    return c;
  };
  assert.deepEqual(await admit(persistentVolumeClaimKind, grow(), expandCtx(bound, true)), []);
  for (const allow of [false, undefined]) {
    assert.deepEqual(brief(await admit(persistentVolumeClaimKind, grow(), expandCtx(bound, allow))), [{ field: 'spec.resources.requests.storage', message: RESIZE }]);
  }
  // A class that does not exist, or no class at all (""), cannot resize.
  const missing = stored(pvc());
  missing.spec!.storageClassName = 'gone';
  missing.status = { phase: 'Bound' };
  const growMissing = pvc();
  growMissing.spec!.storageClassName = 'gone';
  growMissing.spec!.resources!.requests!.storage = '20Gi';
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, growMissing, expandCtx(missing, true))), [{ field: 'spec.resources.requests.storage', message: RESIZE }]);
  // Without storageClassName the claim's volume tells the class.
  const unnamed = stored(pvc());
  delete unnamed.spec!.storageClassName;
  unnamed.spec!.volumeName = 'pv-1';
  unnamed.status = { phase: 'Bound' };
  const growUnnamed = grow();
  delete growUnnamed.spec!.storageClassName;
  assert.deepEqual(await admit(persistentVolumeClaimKind, growUnnamed, expandCtx(unnamed, true)), []);
  // Shrinking is refused whatever the class says; the same size is no resize at all.
  const shrink = pvc();
  shrink.spec!.volumeName = 'pv-1';
  shrink.spec!.resources!.requests!.storage = '5Gi';
  assert.deepEqual(brief(await admit(persistentVolumeClaimKind, shrink, expandCtx(bound, true))), [
    { field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than previous value' },
  ]);
  const same = pvc();
  same.spec!.volumeName = 'pv-1';
  same.spec!.resources!.requests!.storage = '10240Mi';
  assert.deepEqual(await admit(persistentVolumeClaimKind, same, expandCtx(bound, false)), []);
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
