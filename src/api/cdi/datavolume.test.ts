import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from '../core/testing.ts';
import { dataVolumeKind, type DataVolume } from './datavolume.ts';

// Seed 003 §8.15.3.5, import-pv-datavolume, exactly as printed.
const IMPORT_PV_DATAVOLUME = `
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: import-pv-datavolume
spec:
  storageClassName: local
  source:
    http:
      url: "https://mirror.arizona.edu/fedora/linux/releases/35/Cloud/x86_64/images/Fedora-Cloud-Base-35-1.2.x86_64.qcow2"
      secretRef: endpoint-secret
  storage:
    volumeMode: Block
    resources:
      requests:
        storage: 10Gi
`;

/** The seed with storageClassName where CDI's DataVolumeSpec has it: under storage. */
function seedDV(): DataVolume {
  const dv = yamlObject<DataVolume>(IMPORT_PV_DATAVOLUME);
  const spec = dv.spec as Record<string, unknown>;
  delete spec.storageClassName;
  dv.spec!.storage!.storageClassName = 'local';
  return dv;
}

test('seed import-pv-datavolume: spec.storageClassName is not a DataVolumeSpec field, as in CDI', () => {
  const errs = schemaErrors(dataVolumeKind.schema, yamlObject(IMPORT_PV_DATAVOLUME));
  assert.equal(errs.length, 1);
  assert.match(errs[0], /^\/spec\/storageClassName: /);
});

test('seed import-pv-datavolume, with storageClassName under storage, is valid', async () => {
  const dv = seedDV();
  assert.deepEqual(schemaErrors(dataVolumeKind.schema, dv), []);
  assert.deepEqual(await admit(dataVolumeKind, dv), []);
});

async function errorsOf(change: (dv: DataVolume) => void): Promise<{ field: string; message: string }[]> {
  const dv = seedDV();
  change(dv);
  return brief(await admit(dataVolumeKind, dv));
}

test('exactly one of source and sourceRef', async () => {
  const expected = [{ field: 'spec.source', message: 'Data volume should have either Source or SourceRef' }];
  assert.deepEqual(await errorsOf((dv) => delete dv.spec!.source), expected);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.sourceRef = { kind: 'DataSource', name: 'fedora' })), expected);
});

test('sourceRef must point at a DataSource', async () => {
  const change = (dv: DataVolume) => {
    delete dv.spec!.source;
    dv.spec!.sourceRef = { kind: 'PersistentVolumeClaim', name: 'fedora' };
  };
  assert.deepEqual(await errorsOf(change), [
    { field: 'spec.sourceRef.kind', message: 'Unsupported sourceRef kind PersistentVolumeClaim, currently only DataSource is supported' },
  ]);
});

test('exactly one source type', async () => {
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.source = {})), [{ field: 'spec.source', message: 'Missing Data volume source' }]);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.source!.blank = {})), [{ field: 'spec.source', message: 'Multiple Data volume sources' }]);
});

test('one of pvc and storage', async () => {
  assert.deepEqual(await errorsOf((dv) => delete dv.spec!.storage), [
    { field: 'spec.storage', message: 'Missing Data volume PVC: set spec.storage (or spec.pvc)' },
  ]);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.pvc = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } })), [
    { field: 'spec.pvc', message: 'Duplicate storage definition, both target storage and target pvc defined' },
  ]);
});

test('pvc needs a size and access modes; storage may omit both', async () => {
  const toPvc = (pvc: NonNullable<DataVolume['spec']>['pvc']) => (dv: DataVolume) => {
    delete dv.spec!.storage;
    dv.spec!.pvc = pvc;
  };
  assert.deepEqual(await errorsOf(toPvc({ accessModes: ['ReadWriteOnce'] })), [
    { field: 'spec.pvc.resources.requests.storage', message: 'PVC size is missing' },
  ]);
  assert.deepEqual(await errorsOf(toPvc({ resources: { requests: { storage: '10Gi' } } })), [
    { field: 'spec.pvc.accessModes', message: 'Required value: at least 1 access mode is required' },
  ]);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.storage = {})), []);
});

test('sizes must be positive quantities', async () => {
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.storage!.resources!.requests!.storage = '10GB!')), [
    { field: 'spec.storage.resources.requests.storage', message: 'Invalid value: "10GB!": must be a quantity such as 10Gi or 512Mi' },
  ]);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.storage!.resources!.requests!.storage = '0')), [
    { field: 'spec.storage.resources.requests.storage', message: "Storage size can't be equal or less than zero" },
  ]);
});

test('http urls must be http(s)', async () => {
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.source!.http!.url = 'ftp://mirror.example.com/f.qcow2')), [
    { field: 'spec.source.http.url', message: 'Invalid source URL scheme: ftp://mirror.example.com/f.qcow2' },
  ]);
  assert.deepEqual(await errorsOf((dv) => (dv.spec!.source!.http!.url = 'mirror.example.com/f.qcow2')), [
    { field: 'spec.source.http.url', message: 'Invalid source URL: mirror.example.com/f.qcow2' },
  ]);
});

test('registry urls must be docker:// or oci-archive://', async () => {
  const registry = (url: string) => (dv: DataVolume) => (dv.spec!.source = { registry: { url } });
  assert.deepEqual(await errorsOf(registry('docker://quay.io/containerdisks/fedora:40')), []);
  assert.deepEqual(await errorsOf(registry('oci-archive:///images/fedora.tar')), []);
  assert.deepEqual(await errorsOf(registry('https://quay.io/containerdisks/fedora')), [
    { field: 'spec.source.registry.url', message: 'Illegal registry source URL scheme https://quay.io/containerdisks/fedora: must start with docker:// or oci-archive://' },
  ]);
});

test('spec is immutable after creation', async () => {
  const old = seedDV();
  const cur = seedDV();
  cur.spec!.storage!.resources!.requests!.storage = '20Gi';
  assert.deepEqual(brief(await admit(dataVolumeKind, cur, updateCtx(old))), [
    { field: 'spec', message: 'Cannot update spec for DataVolume import-pv-datavolume: the spec is immutable after creation (delete and recreate it)' },
  ]);
});

test('status: phase enum and progress format; columns like CDI', () => {
  const dv = seedDV();
  dv.status = { phase: 'ImportInProgress', progress: '45.32%', restartCount: 0, claimName: 'import-pv-datavolume' };
  assert.deepEqual(schemaErrors(dataVolumeKind.schema, dv), []);
  (dv.status as Record<string, unknown>).phase = 'Importing';
  (dv.status as Record<string, unknown>).progress = '45';
  const errs = schemaErrors(dataVolumeKind.schema, dv);
  assert.ok(errs.some((e) => e.startsWith('/status/phase')));
  assert.ok(errs.some((e) => e.startsWith('/status/progress')));
  assert.deepEqual(dataVolumeKind.printerColumns.map((c) => c.name), ['Phase', 'Progress', 'Restarts', 'Age']);
  assert.deepEqual(dataVolumeKind.shortNames, ['dv', 'dvs']);
});

test('http checksum: CDI\'s algorithm:hex with md5, sha1, sha256 or sha512; anything else is refused naming the field', async () => {
  const sum = (checksum: string) => (dv: DataVolume) => (dv.spec!.source!.http!.checksum = checksum);
  for (const ok of [`sha256:${'ab'.repeat(32)}`, `sha512:${'0F'.repeat(64)}`, `md5:${'1'.repeat(32)}`, `sha1:${'2'.repeat(40)}`]) {
    assert.deepEqual(await errorsOf(sum(ok)), [], ok);
  }
  assert.deepEqual(await errorsOf(sum('abc123')), [
    { field: 'spec.source.http.checksum', message: 'Invalid value: "abc123": must be algorithm:hex, e.g. sha256:<64 hex digits> (algorithms: md5, sha1, sha256, sha512)' },
  ]);
  assert.deepEqual(await errorsOf(sum(`crc32:${'a'.repeat(8)}`)), [
    { field: 'spec.source.http.checksum', message: `Invalid value: "crc32:aaaaaaaa": unsupported checksum algorithm "crc32" (supported: md5, sha1, sha256, sha512)` },
  ]);
  assert.deepEqual(await errorsOf(sum(`sha256:${'a'.repeat(63)}g`)), [
    { field: 'spec.source.http.checksum', message: `Invalid value: "sha256:${'a'.repeat(63)}g": a sha256 digest is 64 hex digits` },
  ]);
});
