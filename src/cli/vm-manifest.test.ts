import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instancetypeManifest, preferenceManifest } from './create-sizes.ts';
import { vmManifest, type VmManifestOptions } from './vm-manifest.ts';
import { volumeImport } from './volume-import.ts';

const opts = (o: Partial<VmManifestOptions> = {}): VmManifestOptions => ({ runStrategy: 'Always', terminationGracePeriod: 180, volumeImport: [], ...o });

test('--volume-import type:ds clones a DataSource; pvc, http and blank as virtctl writes them', () => {
  assert.deepEqual(volumeImport('type:ds,src:vireo-os-images/vireo-tiny,size:1Gi,name:root'), {
    metadata: { name: 'root' },
    spec: { sourceRef: { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' }, storage: { resources: { requests: { storage: '1Gi' } } } },
  });
  const ds = volumeImport('type:ds,src:fedora');
  assert.match(ds.metadata.name!, /^imported-volume-[a-z0-9]{5}$/);
  assert.deepEqual(ds.spec, { sourceRef: { kind: 'DataSource', name: 'fedora' }, storage: { resources: {} } });
  assert.deepEqual(volumeImport('type:pvc,src:ns/disk,name:d').spec.source, { pvc: { name: 'disk', namespace: 'ns' } });
  assert.deepEqual(volumeImport('type:http,url:https://h:8443/a.qcow2,size:2Gi,certconfigmap:ca,name:h').spec, {
    source: { http: { url: 'https://h:8443/a.qcow2', certConfigMap: 'ca' } },
    storage: { resources: { requests: { storage: '2Gi' } } },
  });
  assert.deepEqual(volumeImport('type:registry,url:docker://127.0.0.1:5000/tiny:latest,size:1Gi,pullmethod:node,name:r').spec.source, {
    registry: { url: 'docker://127.0.0.1:5000/tiny:latest', pullMethod: 'node' },
  });
  assert.deepEqual(volumeImport('type:blank,size:5Gi,name:b').spec.source, { blank: {} });
});

test('bad --volume-import values are one clear error', () => {
  assert.throws(() => volumeImport('src:x'), /failed to parse "--volume-import" flag: type must be specified/);
  assert.throws(() => volumeImport('type:s3,url:s3://x'), /type s3 is not supported by Vireo \(supported: ds, pvc, http, registry, blank\)/);
  assert.throws(() => volumeImport('type:ds'), /src must be specified for type ds/);
  assert.throws(() => volumeImport('type:blank'), /size must be specified for type blank/);
  assert.throws(() => volumeImport('type:ds,src:a,colour:red'), /unknown param\(s\): colour:red/);
  assert.throws(() => volumeImport('type:ds,src:a/b/c'), /invalid count 2 of slashes/);
  assert.throws(() => volumeImport('type:ds,src:a,size:lots'), /failed to parse param "size"/);
});

test('create vm: instance type and preference, a disk and volume per import, no memory', () => {
  const vm = vmManifest(opts({ name: 'n1', instancetype: 'u1.nano', preference: 'virtualmachinepreference/mine', volumeImport: ['type:ds,src:images/tiny,name:root'] }));
  assert.equal(vm.metadata.name, 'n1');
  assert.equal(vm.spec!.runStrategy, 'Always');
  assert.deepEqual(vm.spec!.instancetype, { name: 'u1.nano' });
  assert.deepEqual(vm.spec!.preference, { name: 'mine', kind: 'virtualmachinepreference' });
  const t = vm.spec!.template.spec;
  assert.equal(t.domain.memory, undefined);
  assert.deepEqual(t.domain.devices.disks, [{ name: 'root' }]);
  assert.deepEqual(t.volumes, [{ name: 'root', dataVolume: { name: 'root' } }]);
  assert.equal(t.terminationGracePeriodSeconds, 180);
});

test('create vm: 512Mi without an instance type; the flags are checked', () => {
  const vm = vmManifest(opts());
  assert.match(vm.metadata.name!, /^vm-[a-z0-9]{5}$/);
  assert.deepEqual(vm.spec!.template.spec.domain.memory, { guest: '512Mi' });
  assert.equal(vmManifest(opts({ memory: '1Gi', namespace: 'ns' })).metadata.namespace, 'ns');
  assert.throws(() => vmManifest(opts({ runStrategy: 'Sometimes' })), /invalid RunStrategy "Sometimes", supported values are: Always, RerunOnFailure, Manual, Halted, Once/);
  assert.throws(() => vmManifest(opts({ instancetype: 'u1.nano', memory: '1Gi' })), /mutually exclusive/);
  assert.throws(() => vmManifest(opts({ instancetype: 'pod/x' })), /invalid instancetype kind "pod"/);
  assert.throws(() => vmManifest(opts({ volumeImport: ['type:blank,size:1Gi,name:a', 'type:blank,size:1Gi,name:a'] })), /already a volume with name 'a'/);
});

test('create instancetype and preference: cluster-wide unless namespaced', () => {
  assert.deepEqual(instancetypeManifest('small', { cpu: '2', memory: '256Mi' }), {
    apiVersion: 'instancetype.kubevirt.io/v1beta1',
    kind: 'VirtualMachineClusterInstancetype',
    metadata: { name: 'small' },
    spec: { cpu: { guest: 2 }, memory: { guest: '256Mi' } },
  });
  const ns = instancetypeManifest(undefined, { cpu: '1', memory: '1Gi', namespace: 'team' });
  assert.equal(ns.kind, 'VirtualMachineInstancetype');
  assert.equal(ns.metadata.namespace, 'team');
  assert.match(ns.metadata.name!, /^instancetype-[a-z0-9]{5}$/);
  assert.throws(() => instancetypeManifest('x', { cpu: '0', memory: '1Gi' }), /cpu value must be an integer greater than zero/);
  assert.throws(() => instancetypeManifest('x', { cpu: '1', memory: 'big' }), /failed to parse param "memory"/);
  assert.throws(() => instancetypeManifest('x', { cpu: '1', memory: '1Gi', name: 'y' }), /name is given twice/);
  const p = preferenceManifest('p', { namespaced: true, cpuTopology: 'sockets', machineType: 'q35' });
  assert.equal(p.kind, 'VirtualMachinePreference');
  assert.deepEqual(p.spec, { cpu: { preferredCPUTopology: 'preferSockets' }, machine: { preferredMachineType: 'q35' } });
  assert.equal(preferenceManifest('p', { cpuTopology: 'preferCores' }).spec?.cpu?.preferredCPUTopology, 'preferCores');
  assert.throws(() => preferenceManifest('p', { cpuTopology: 'diagonal' }), /CPU topology must have a value of/);
});
