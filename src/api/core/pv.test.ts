import assert from 'node:assert/strict';
import { test } from 'node:test';
import { persistentVolumeKind, type PersistentVolume } from './pv.ts';
import { admit, brief, schemaErrors, yamlObject } from './testing.ts';

// Seed 003 §8.15.3.4, the local block PV, with its <placeholders> filled in.
const LOCAL_BLOCK_PV = `
kind: PersistentVolume
apiVersion: v1
metadata:
  name: local-block-pv10
  annotations:
spec:
  local:
    path: /dev/loop10
  capacity:
    storage: 2Gi
  volumeMode: Block
  storageClassName: local
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Delete
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values:
          - node01
`;

function seedPV(): PersistentVolume {
  const pv = yamlObject<PersistentVolume>(LOCAL_BLOCK_PV);
  // `annotations:` with nothing after it is YAML null; kubectl drops it before sending.
  delete pv.metadata.annotations;
  return pv;
}

test('seed local block PV is valid and keeps its values', async () => {
  const pv = seedPV();
  assert.deepEqual(schemaErrors(persistentVolumeKind.schema, pv), []);
  assert.deepEqual(await admit(persistentVolumeKind, pv), []);
  assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Delete');
  assert.equal(pv.spec?.volumeMode, 'Block');
  assert.equal(pv.status?.phase, 'Pending');
});

test('reclaim policy and volume mode default to Retain and Filesystem', async () => {
  const pv = seedPV();
  delete pv.spec?.persistentVolumeReclaimPolicy;
  delete pv.spec?.volumeMode;
  await admit(persistentVolumeKind, pv);
  assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Retain');
  assert.equal(pv.spec?.volumeMode, 'Filesystem');
});

test('a local volume needs node affinity and an absolute path', async () => {
  const pv = seedPV();
  delete pv.spec?.nodeAffinity;
  pv.spec!.local!.path = 'dev/loop10';
  assert.deepEqual(brief(await admit(persistentVolumeKind, pv)), [
    { field: 'spec.local.path', message: 'Invalid value: "dev/loop10": must be an absolute path' },
    { field: 'spec.nodeAffinity', message: 'Required value: Local volume requires node affinity' },
  ]);
});

test('exactly one volume source, capacity and access modes are required', async () => {
  const none: PersistentVolume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x' }, spec: {} };
  assert.deepEqual(brief(await admit(persistentVolumeKind, none)), [
    { field: 'spec', message: 'Required value: must specify a volume type' },
    { field: 'spec.accessModes', message: 'Required value' },
    { field: 'spec.capacity', message: 'Required value' },
  ]);
  const two = seedPV();
  two.spec!.hostPath = { path: '/srv' };
  assert.deepEqual(brief(await admit(persistentVolumeKind, two)), [{ field: 'spec.hostPath', message: 'Forbidden: may not specify more than 1 volume type' }]);
});

test('capacity must be a positive storage quantity', async () => {
  const pv = seedPV();
  pv.spec!.capacity = { storage: '2GB!', cpu: '1' };
  assert.deepEqual(brief(await admit(persistentVolumeKind, pv)), [
    { field: 'spec.capacity[cpu]', message: 'Unsupported value: "cpu": supported values: "storage"' },
    { field: 'spec.capacity[storage]', message: 'Invalid value: "2GB!": must be a quantity such as 1Gi, 512Mi, 500m or 2' },
  ]);
});

test('schema refuses unknown reclaim policies', () => {
  const pv = seedPV();
  (pv.spec as Record<string, unknown>).persistentVolumeReclaimPolicy = 'Keep';
  assert.ok(schemaErrors(persistentVolumeKind.schema, pv).some((e) => e.startsWith('/spec/persistentVolumeReclaimPolicy')));
});

test('columns: access modes short form and claim namespace/name', () => {
  const pv = seedPV();
  pv.spec!.accessModes = ['ReadWriteMany', 'ReadWriteOnce'];
  pv.spec!.claimRef = { namespace: 'default', name: 'import-pv-datavolume' };
  const cell = (name: string) => persistentVolumeKind.printerColumns.find((c) => c.name === name)?.value?.(pv);
  assert.equal(cell('Access Modes'), 'RWO,RWX');
  assert.equal(cell('Claim'), 'default/import-pv-datavolume');
  assert.equal(cell('VolumeAttributesClass'), '<unset>');
  assert.deepEqual(
    persistentVolumeKind.printerColumns.map((c) => c.name),
    ['Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode'],
  );
});
