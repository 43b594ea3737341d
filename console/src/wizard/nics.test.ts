import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newNic, withNic } from './edits.ts';
import { applyNics, bindingOf } from './nics.ts';
import type { WizardState } from './state.ts';
import { start } from './wizard.fixture.ts';

function built(state: WizardState) {
  const { base } = start('vireo-tiny-server-small');
  applyNics(base, state);
  return base.spec.template.spec;
}

test('the pod network with masquerade, NetworkAttachmentDefinitions with bridge, MAC when given', () => {
  let { state } = start('vireo-tiny-server-small');
  state = withNic(state, { ...newNic(state, ['lan', 'storage']), mac: ' 02:00:00:00:00:0A ' });
  state = withNic(state, { ...newNic(state, ['lan']), model: 'e1000e', network: 'storage' });
  const spec = built(state);
  assert.deepEqual(spec.domain.devices?.interfaces, [
    { name: 'default', model: 'virtio', masquerade: {} },
    { name: 'nic-0', model: 'virtio', bridge: {}, macAddress: '02:00:00:00:00:0A' },
    { name: 'nic-1', model: 'e1000e', bridge: {} },
  ]);
  assert.deepEqual(spec.networks, [
    { name: 'default', pod: {} },
    { name: 'nic-0', multus: { networkName: 'lan' } },
    { name: 'nic-1', multus: { networkName: 'storage' } },
  ]);
  assert.equal(bindingOf({ network: '' }), 'masquerade');
});

test('a renamed NIC keeps its other fields; PXE boots the first bridged NIC first', () => {
  const { state, base } = start('vireo-tiny-server-small');
  // A field the wizard does not model (ports) rides along on the template's interface.
  Object.assign(base.spec.template.spec.domain.devices!.interfaces![0]!, { ports: [{ port: 80 }] });
  let s = { ...state, nics: [{ ...state.nics[0]!, name: 'eth0' }] };
  s = withNic(s, { ...newNic(s, ['pxe-net']) });
  s = { ...s, general: { ...s.general, source: 'pxe' } };
  applyNics(base, s);
  assert.deepEqual(base.spec.template.spec.domain.devices?.interfaces, [
    { name: 'eth0', model: 'virtio', ports: [{ port: 80 }], masquerade: {} },
    { name: 'nic-0', model: 'virtio', bridge: {}, bootOrder: 1 },
  ]);
});

test('no NIC at all: no networks, and no automatic pod interface', () => {
  const { state } = start('vireo-tiny-server-small');
  const spec = built({ ...state, nics: [] });
  assert.equal(spec.domain.devices?.interfaces, undefined);
  assert.equal(spec.networks, undefined);
  assert.equal(spec.domain.devices?.autoattachPodInterface, false);
});
