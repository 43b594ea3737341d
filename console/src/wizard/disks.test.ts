import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDisks, registryUrl } from './disks.ts';
import { newDisk, withDisk, withSource } from './edits.ts';
import type { WizardDisk, WizardState } from './state.ts';
import { start } from './wizard.fixture.ts';

function built(state: WizardState, base = start('vireo-tiny-server-small').base) {
  const vm = structuredClone(base);
  applyDisks(vm, state);
  return vm;
}

const disk = (s: WizardState, patch: Partial<WizardDisk>): WizardDisk => ({ ...newDisk(s), size: { value: '1', unit: 'Gi' }, ...patch });

test('template default: the DataSource clone stays, with the size and storage settings the user set', () => {
  const { state } = start('vireo-tiny-server-small');
  state.disks[0] = { ...state.disks[0]!, size: { value: '3', unit: 'Gi' }, storageClass: 'shared', accessMode: 'ReadWriteMany', bus: 'scsi' };
  const vm = built(state);
  assert.deepEqual(vm.spec.dataVolumeTemplates, [
    {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'vm1' },
      spec: {
        sourceRef: { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' },
        storage: { resources: { requests: { storage: '3Gi' } }, storageClassName: 'shared', accessModes: ['ReadWriteMany'] },
      },
    },
  ]);
  assert.deepEqual(vm.spec.template.spec.domain.devices?.disks, [
    { name: 'rootdisk', disk: { bus: 'scsi' }, bootOrder: 1 },
    { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
  ]);
  assert.deepEqual(vm.spec.template.spec.volumes?.[0], { name: 'rootdisk', dataVolume: { name: 'vm1' } });
});

test('General\'s URL, container image and disk become the root DataVolume\'s http, registry and pvc sources', () => {
  const { state } = start('vireo-tiny-server-small');
  const source = (g: Partial<WizardState['general']>) => built({ ...state, general: { ...state.general, ...g } }).spec.dataVolumeTemplates?.[0]?.spec;
  assert.deepEqual(source({ source: 'url', url: ' https://example.com/disk.qcow2 ' }), { source: { http: { url: 'https://example.com/disk.qcow2' } }, storage: { resources: { requests: { storage: '1Gi' } } } });
  assert.deepEqual(source({ source: 'container', image: 'quay.io/kubevirt/cirros-container-disk-demo' })?.source, { registry: { url: 'docker://quay.io/kubevirt/cirros-container-disk-demo' } });
  assert.deepEqual(source({ source: 'disk', pvcNamespace: 'images', pvcName: 'golden' })?.source, { pvc: { namespace: 'images', name: 'golden' } });
  assert.equal(source({ source: 'url', url: 'http://x/y' })?.sourceRef, undefined, 'no DataSource clone any more');
  assert.equal(registryUrl('oci-archive://a'), 'oci-archive://a');
});

test('PXE: no root disk, the chosen disk boots second (after the NIC)', () => {
  const { state } = start('vireo-tiny-server-small');
  let s = withSource(state, 'pxe', state.disks[0]!);
  assert.deepEqual(built(s).spec.template.spec.domain.devices?.disks, [{ name: 'cloudinitdisk', disk: { bus: 'virtio' } }]);
  assert.equal(built(s).spec.dataVolumeTemplates, undefined);
  s = withDisk(s, disk(s, { name: 'install' }));
  const vm = built(s);
  assert.deepEqual(vm.spec.template.spec.domain.devices?.disks?.[0], { name: 'install', disk: { bus: 'virtio' }, bootOrder: 2 });
  assert.deepEqual(vm.spec.dataVolumeTemplates?.[0]?.spec, { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } });
});

test('added disks: blank, URL, registry and clone make DataVolumes; an existing PVC and a container disk do not', () => {
  let { state } = start('vireo-tiny-server-small');
  for (const d of [
    { name: 'blank', source: 'blank', storageClass: 'local', volumeMode: 'Block' },
    { name: 'web', source: 'url', url: 'http://h/d.img' },
    { name: 'reg', source: 'registry', image: 'r:5000/img:1' },
    { name: 'copy', source: 'clonePvc', pvcNamespace: 'other', pvcName: 'data' },
    { name: 'mine', source: 'pvc', pvcName: 'claim1' },
    { name: 'iso', source: 'container', image: 'r/iso', type: 'cdrom', bus: 'sata' },
  ] as Partial<WizardDisk>[]) {
    state = withDisk(state, disk(state, d));
  }
  const vm = built(state);
  assert.deepEqual(
    vm.spec.dataVolumeTemplates?.map((t) => [t.metadata.name, t.spec.source]),
    [
      ['vm1', undefined],
      ['vm1-blank', { blank: {} }],
      ['vm1-web', { http: { url: 'http://h/d.img' } }],
      ['vm1-reg', { registry: { url: 'docker://r:5000/img:1' } }],
      ['vm1-copy', { pvc: { namespace: 'other', name: 'data' } }],
    ],
  );
  assert.deepEqual(vm.spec.dataVolumeTemplates?.[1]?.spec.storage, { resources: { requests: { storage: '1Gi' } }, storageClassName: 'local', volumeMode: 'Block' });
  const volumes = vm.spec.template.spec.volumes ?? [];
  assert.deepEqual(volumes.find((v) => v.name === 'mine'), { name: 'mine', persistentVolumeClaim: { claimName: 'claim1' } });
  assert.deepEqual(volumes.find((v) => v.name === 'iso'), { name: 'iso', containerDisk: { image: 'r/iso' } });
  assert.deepEqual(vm.spec.template.spec.domain.devices?.disks?.find((d) => d.name === 'iso'), { name: 'iso', cdrom: { bus: 'sata' } });
  assert.deepEqual(
    vm.spec.template.spec.domain.devices?.disks?.map((d) => d.name),
    ['rootdisk', 'blank', 'web', 'reg', 'copy', 'mine', 'iso', 'cloudinitdisk'],
    'in the wizard\'s order, cloud-init last',
  );
});

test('the bootable disk gets boot order 1 and no other disk has one; renames follow the volume', () => {
  let { state } = start('vireo-tiny-server-small');
  state = withDisk(state, disk(state, { name: 'data', source: 'url', url: 'http://h/d' }));
  const data = state.disks[1]!;
  state = { ...state, bootDisk: data.id, disks: [{ ...state.disks[0]!, name: 'system' }, data] };
  const vm = built(state);
  assert.deepEqual(vm.spec.template.spec.domain.devices?.disks?.map((d) => [d.name, d.bootOrder]), [['system', undefined], ['data', 1], ['cloudinitdisk', undefined]]);
  assert.deepEqual(vm.spec.template.spec.volumes?.[0], { name: 'system', dataVolume: { name: 'vm1' } });
});
