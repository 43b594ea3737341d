import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVm } from './build-vm.ts';
import { newDisk, withDisk } from './edits.ts';
import { causeRow, placeCauses } from './review-errors.ts';
import { start } from './wizard.fixture.ts';

test('each cause\'s field leads back to the wizard row it came from', () => {
  const { base, state: s0 } = start('vireo-tiny-server-small');
  const state = withDisk(s0, { ...newDisk(s0), name: 'data', size: { value: '1', unit: 'Gi' } });
  const vm = buildVm({ base, state, namespace: 'default', templateWorkload: 'server' });
  const row = (f: string) => causeRow(f, vm, state);
  const dataId = state.disks[1]!.id;
  assert.equal(row('metadata.name'), 'general:name');
  assert.equal(row('metadata.namespace'), 'general:project');
  assert.equal(row('spec.runStrategy'), 'general:start');
  assert.equal(row('spec.template.spec.domain.cpu.sockets'), 'general:cpu');
  assert.equal(row('spec.template.spec.domain.memory.guest'), 'general:memory');
  assert.equal(row('spec.template.spec.domain.devices.disks[1].name'), `disk:${dataId}`);
  assert.equal(row('spec.template.spec.volumes[0].dataVolume.name'), 'disk:rootdisk');
  assert.equal(row('spec.template.spec.volumes[2].cloudInitNoCloud'), 'advanced:cloudinit');
  assert.equal(row('spec.dataVolumeTemplates[1].spec.storage'), `disk:${dataId}`);
  assert.equal(row('spec.template.spec.domain.devices.interfaces[0].macAddress'), 'nic:default');
  assert.equal(row('spec.template.spec.networks[0]'), 'nic:default');
  assert.equal(row('spec.template.spec.evictionStrategy'), 'advanced:eviction');
  assert.equal(row('spec.template.spec.hostname'), 'advanced:hostname');
  assert.equal(row('spec.template.spec.domain.devices.disks[9].name'), undefined);
  assert.equal(row('spec.instancetype'), undefined);

  const placed = placeCauses(
    [
      { field: 'metadata.name', message: 'metadata.name: "x" is invalid' },
      { field: 'spec.template.spec.domain.cpu.sockets', message: 'too many' },
      { message: 'no field' },
    ],
    vm,
    state,
  );
  assert.deepEqual(placed.byRow.get('general:name'), ['metadata.name: "x" is invalid']);
  assert.deepEqual(placed.byRow.get('general:cpu'), ['spec.template.spec.domain.cpu.sockets: too many']);
  assert.equal(placed.all.length, 3, 'every cause stays listed');
  assert.equal(placed.all[2]?.row, undefined);
});
