import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDiskOps, diskRows, newDisk, removeDiskOps, takenDiskNames } from './disks.ts';
import { guarded } from './json-patch.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { templateSpecOf } from './vm-view.ts';

test('the sample VM is one the API accepts', async () => {
  assert.deepEqual(await admission(sampleVm()), []);
});

test('rows: each disk with its drive, interface, source and size where the VM states one', () => {
  assert.deepEqual(diskRows(sampleVm()), [
    { name: 'root', drive: 'disk', bus: 'virtio', bootOrder: 1, source: 'containerDisk', detail: 'quay.io/containerdisks/fedora:40' },
    { name: 'data', drive: 'disk', bus: 'sata', bootOrder: undefined, source: 'dataVolume', detail: 'vm1-data (blank)', size: '2Gi' },
    { name: 'shared', drive: 'cdrom', bus: 'scsi', bootOrder: undefined, source: 'pvc', detail: 'iso' },
    { name: 'cloudinitdisk', drive: 'disk', bus: 'virtio', bootOrder: undefined, source: 'cloudInit', detail: 'cloudInitNoCloud' },
  ]);
});

test('a new disk is named after the free disk-N', () => {
  const vm = sampleVm();
  assert.equal(newDisk(vm).name, 'disk-0');
  assert.ok(takenDiskNames(vm).includes('cloudinitdisk'));
});

test('a blank disk: a DataVolume template <vm>-<disk>, a volume and a disk, accepted by the API', async () => {
  const vm = sampleVm();
  const d = { ...newDisk(vm), size: { value: '5', unit: 'Gi' as const }, bus: 'scsi' as const, storageClass: 'shared', volumeMode: 'Block' as const, accessMode: 'ReadWriteMany' as const };
  const ops = addDiskOps(vm, d);
  assert.deepEqual(ops, [
    {
      op: 'add',
      path: '/spec/dataVolumeTemplates/-',
      value: {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: 'vm1-disk-0' },
        spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '5Gi' } }, storageClassName: 'shared', volumeMode: 'Block', accessModes: ['ReadWriteMany'] } },
      },
    },
    { op: 'add', path: '/spec/template/spec/domain/devices/disks/-', value: { name: 'disk-0', disk: { bus: 'scsi' } } },
    { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'disk-0', dataVolume: { name: 'vm1-disk-0' } } },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(await admission(out), []);
  assert.equal(diskRows(out).at(-1)?.detail, 'vm1-disk-0 (blank)');
  // …and Remove takes all three back out, leaving the VM as it was.
  const back = patched(out, guarded(out, removeDiskOps(out, 'disk-0')));
  assert.deepEqual(back.spec, vm.spec);
});

test('URL, registry and clone disks import into a DataVolume; a taken DataVolume name gets a suffix', () => {
  const vm = sampleVm();
  vm.spec!.dataVolumeTemplates!.push({ metadata: { name: 'vm1-disk-0' }, spec: { source: { blank: {} } } });
  const url = addDiskOps(vm, { ...newDisk(vm), source: 'url', url: ' https://example.com/f.qcow2 ' });
  assert.deepEqual((url[0] as { value: { metadata: unknown; spec: { source: unknown } } }).value.spec.source, { http: { url: 'https://example.com/f.qcow2' } });
  assert.deepEqual((url[0] as { value: { metadata: unknown } }).value.metadata, { name: 'vm1-disk-0-0' });
  const reg = addDiskOps(vm, { ...newDisk(vm), source: 'registry', image: 'quay.io/x/y:1' });
  assert.deepEqual((reg[0] as { value: { spec: { source: unknown } } }).value.spec.source, { registry: { url: 'docker://quay.io/x/y:1' } });
  const clone = addDiskOps(vm, { ...newDisk(vm), source: 'clonePvc', pvcNamespace: 'os', pvcName: 'fedora' });
  assert.deepEqual((clone[0] as { value: { spec: { source: unknown } } }).value.spec.source, { pvc: { namespace: 'os', name: 'fedora' } });
});

test('container and existing-PVC disks add only a volume and a disk; a CD-ROM is a cdrom drive', async () => {
  const vm = sampleVm();
  const ops = addDiskOps(vm, { ...newDisk(vm), source: 'container', image: 'quay.io/x/tools:1', type: 'cdrom', bus: 'sata' });
  assert.deepEqual(ops.map((o) => o.path), ['/spec/template/spec/domain/devices/disks/-', '/spec/template/spec/volumes/-']);
  const out = patched(vm, ops);
  assert.deepEqual(templateSpecOf(out).domain?.devices?.disks?.at(-1), { name: 'disk-0', cdrom: { bus: 'sata' } });
  assert.deepEqual(await admission(out), []);
  const pvc = patched(vm, addDiskOps(vm, { ...newDisk(vm), source: 'pvc', pvcName: 'data1' }));
  assert.deepEqual(templateSpecOf(pvc).volumes?.at(-1), { name: 'disk-0', persistentVolumeClaim: { claimName: 'data1' } });
});

test('the first disk of a VM without disks creates the lists', () => {
  const vm = sampleVm();
  delete vm.spec!.dataVolumeTemplates;
  delete vm.spec!.template!.spec!.volumes;
  delete vm.spec!.template!.spec!.domain!.devices!.disks;
  const out = patched(vm, addDiskOps(vm, newDisk(vm)));
  assert.equal(out.spec?.dataVolumeTemplates?.length, 1);
  assert.deepEqual(templateSpecOf(out).volumes, [{ name: 'disk-0', dataVolume: { name: 'vm1-disk-0' } }]);
});

test('removing a disk takes its device, volume and DataVolume template; others keep theirs', async () => {
  const vm = sampleVm();
  const ops = removeDiskOps(vm, 'data');
  assert.deepEqual(ops, [
    { op: 'remove', path: '/spec/template/spec/domain/devices/disks/1' },
    { op: 'remove', path: '/spec/template/spec/volumes/1' },
    { op: 'remove', path: '/spec/dataVolumeTemplates/0' },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(diskRows(out).map((r) => r.name), ['root', 'shared', 'cloudinitdisk']);
  assert.deepEqual(out.spec?.dataVolumeTemplates, []);
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(removeDiskOps(vm, 'shared').map((o) => o.path), ['/spec/template/spec/domain/devices/disks/2', '/spec/template/spec/volumes/2']);
  assert.deepEqual(removeDiskOps(vm, 'nope'), []);
});
