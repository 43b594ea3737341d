import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nicProblems } from '../wizard/nic-rules.ts';
import { guarded } from './json-patch.ts';
import { addNicOps, nicRows, removeNicOps, wizardNicsOf } from './nics.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { templateSpecOf } from './vm-view.ts';

test('rows: name, model, network (pod or NAD), binding and MAC', () => {
  assert.deepEqual(nicRows(sampleVm()), [
    { name: 'default', model: 'virtio', network: '', binding: 'masquerade', mac: '' },
    { name: 'lan', model: 'e1000e', network: 'br-lan', binding: 'bridge', mac: '02:00:00:00:00:01' },
  ]);
});

test('the wizard rules see the VM NICs: a second pod network and a taken name are refused', () => {
  const nics = wizardNicsOf(sampleVm());
  const extra = { id: '#new', name: 'lan', model: 'virtio' as const, network: '', mac: '' };
  const p = nicProblems(extra, [...nics, extra]);
  assert.deepEqual(p.name.map((m) => m.key), ['wizard.nicNameTaken']);
  assert.deepEqual(p.network.map((m) => m.key), ['wizard.podNetworkTaken']);
});

test('a bridge NIC on a NetworkAttachmentDefinition: an interface and a multus network, accepted', async () => {
  const vm = sampleVm();
  const ops = addNicOps(vm, { id: '#new', name: 'nic-0', model: 'virtio', network: 'br1', mac: ' 02:00:00:00:00:09 ' });
  assert.deepEqual(ops, [
    { op: 'add', path: '/spec/template/spec/domain/devices/interfaces/-', value: { name: 'nic-0', model: 'virtio', bridge: {}, macAddress: '02:00:00:00:00:09' } },
    { op: 'add', path: '/spec/template/spec/networks/-', value: { name: 'nic-0', multus: { networkName: 'br1' } } },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(await admission(out), []);
  const back = patched(out, guarded(out, removeNicOps(out, 'nic-0')));
  assert.deepEqual(back.spec, vm.spec);
});

test('a pod network NIC gets masquerade; the first NIC creates the lists', () => {
  const vm = sampleVm();
  delete vm.spec!.template!.spec!.domain!.devices!.interfaces;
  delete vm.spec!.template!.spec!.networks;
  const out = patched(vm, addNicOps(vm, { id: '#new', name: 'default', model: 'e1000e', network: '', mac: '' }));
  assert.deepEqual(templateSpecOf(out).domain?.devices?.interfaces, [{ name: 'default', model: 'e1000e', masquerade: {} }]);
  assert.deepEqual(templateSpecOf(out).networks, [{ name: 'default', pod: {} }]);
});

test('removing a NIC removes its interface and network; the last one also stops the automatic pod NIC', async () => {
  const vm = sampleVm();
  assert.deepEqual(removeNicOps(vm, 'default'), [
    { op: 'remove', path: '/spec/template/spec/domain/devices/interfaces/0' },
    { op: 'remove', path: '/spec/template/spec/networks/0' },
  ]);
  const one = patched(vm, removeNicOps(vm, 'default'));
  const none = patched(one, removeNicOps(one, 'lan'));
  assert.deepEqual(templateSpecOf(none).domain?.devices?.interfaces, []);
  assert.equal(templateSpecOf(none).domain?.devices?.autoattachPodInterface, false);
  assert.deepEqual(await admission(none), []);
  assert.deepEqual(removeNicOps(vm, 'nope'), []);
});
