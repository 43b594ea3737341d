import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeName, newDisk, newNic, withDisk, withFlavor, withNic, withoutDisk, withSource } from './edits.ts';
import { STANDARD_FLAVORS } from './flavor.ts';
import { start } from './wizard.fixture.ts';

test('PXE drops the boot disk (and boots from what is left); another source brings it back, bootable', () => {
  const { state } = start('vireo-tiny-server-small');
  const root = state.disks[0]!;
  const withData = withDisk(state, { ...newDisk(state), source: 'url', url: 'http://h/x' });
  const pxe = withSource(withData, 'pxe', root);
  assert.deepEqual(pxe.disks.map((d) => d.name), ['disk-0']);
  assert.equal(pxe.bootDisk, pxe.disks[0]!.id);
  const back = withSource(pxe, 'url', root);
  assert.deepEqual(back.disks.map((d) => d.name), ['rootdisk', 'disk-0']);
  assert.equal(back.bootDisk, 'rootdisk');
  assert.equal(back.general.source, 'url');
  assert.equal(withSource(state, 'container', root).disks.length, 1, 'the boot disk is not doubled');
});

test('a preset flavor fills CPU and memory; Custom keeps them', () => {
  const { state } = start('vireo-tiny-server-small');
  const presets = { ...STANDARD_FLAVORS, small: { cpus: 1, memory: '256Mi' } };
  const large = withFlavor(state, 'large', presets);
  assert.equal(large.general.cpus, '2');
  assert.deepEqual(large.general.memory, { value: '8', unit: 'Gi' });
  const custom = withFlavor(large, 'custom', presets);
  assert.equal(custom.general.flavor, 'custom');
  assert.equal(custom.general.cpus, '2');
});

test('new disks and NICs get free names; deleting the bootable disk moves boot to one with content', () => {
  const { state } = start('vireo-tiny-server-small');
  assert.equal(freeName('disk', ['disk-0', 'disk-2']), 'disk-1');
  let s = withDisk(state, newDisk(state));
  s = withDisk(s, { ...newDisk(s), source: 'url', url: 'http://h/x' });
  assert.deepEqual(s.disks.map((d) => d.name), ['rootdisk', 'disk-0', 'disk-1']);
  assert.notEqual(s.disks[1]!.id, s.disks[2]!.id);
  const dropped = withoutDisk(s, 'rootdisk');
  assert.equal(dropped.bootDisk, s.disks[2]!.id, 'the URL disk, not the blank one');
  assert.equal(withoutDisk(s, s.disks[1]!.id).bootDisk, 'rootdisk', 'another disk going leaves the choice');

  const nic = newNic(state, ['lan']);
  assert.equal(nic.name, 'nic-0');
  assert.equal(nic.network, 'lan', 'the pod network is taken by default');
  assert.equal(newNic({ ...state, nics: [] }, ['lan']).network, '', 'the pod network first while free');
  assert.equal(withNic(withNic(state, nic), { ...nic, model: 'e1000e' }).nics.length, 2, 'saving an edited NIC replaces it');
});
