import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVm } from './build-vm.ts';
import { initialState } from './initial-state.ts';
import { processedVm, start, template } from './wizard.fixture.ts';

test('the tiny template fills the form', () => {
  const { state } = start('vireo-tiny-server-small', 'tiny1');
  const g = state.general;
  assert.equal(g.name, 'tiny1');
  assert.equal(g.source, 'template');
  assert.equal(g.flavor, 'small');
  assert.equal(g.cpus, '1');
  assert.deepEqual(g.memory, { value: '256', unit: 'Mi' });
  assert.equal(g.workload, 'server');
  assert.equal(g.start, true, 'start on creation is checked by default');
  assert.deepEqual(state.nics, [{ id: 'default', name: 'default', model: 'virtio', network: '', mac: '' }]);
  assert.equal(state.disks.length, 1, 'the cloud-init disk is the Advanced step\'s');
  assert.equal(state.disks[0]?.source, 'root');
  assert.equal(state.disks[0]?.name, 'rootdisk');
  assert.deepEqual(state.disks[0]?.size, { value: '1', unit: 'Gi' });
  assert.equal(state.bootDisk, 'rootdisk');
  assert.equal(state.cloudInit.custom, false);
  assert.equal(state.cloudInit.hostname, '');
  assert.match(state.cloudInit.script, /^#cloud-config\nuser: vireo\npassword: abcd-efgh-ijkl/);
  assert.equal(state.evictionStrategy, '');
});

test('Windows: e1000e, SATA, no cloud-init; a shell script opens as a custom script', () => {
  const { state } = start('windows2k22-server-medium');
  assert.equal(state.nics[0]?.model, 'e1000e');
  assert.equal(state.disks[0]?.bus, 'sata');
  assert.equal(state.cloudInit.custom, false);
  assert.equal(state.cloudInit.script, '');
  const vm = processedVm('fedora-server-small');
  vm.spec.template.spec.volumes![1]!.cloudInitNoCloud = { userData: '#!/bin/sh\necho hi\n' };
  const s = initialState(template('fedora-server-small'), vm, 'vm1');
  assert.deepEqual(s.cloudInit, { custom: true, hostname: '', sshKeys: '', script: '#!/bin/sh\necho hi\n' });
});

test('building from the untouched form gives the processed VM, started', () => {
  for (const name of ['vireo-tiny-server-small', 'fedora-desktop-large', 'rhel9-highperformance-medium', 'windows11-desktop-medium']) {
    const { t, base, state } = start(name);
    const vm = buildVm({ base, state, namespace: 'default', templateWorkload: state.general.workload });
    const expected = structuredClone(base);
    delete expected.spec.running;
    expected.spec.runStrategy = 'Always';
    expected.metadata.namespace = 'default';
    assert.deepEqual(vm, expected, `${t.metadata.name}: no change but the start`);
  }
});
