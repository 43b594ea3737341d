// Stable firmware UUIDs and MACs, and the VMI a VM creates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firmwareUuid, stableMac, uuidV5 } from './identity.ts';
import { TEMPLATE_HASH_ANNOTATION, VM_GENERATION_ANNOTATION } from './names.ts';
import { buildVmi, stableJson, templateHash } from './vmi-from-vm.ts';
import { vmFixture } from './test-fixtures.ts';

test('uuidV5 matches RFC 4122 (the DNS namespace example for python.org)', () => {
  assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
});

test('firmware UUID is stable per namespace/name and differs across namespaces', () => {
  const a = firmwareUuid('ns1', 'vm1');
  assert.equal(a, firmwareUuid('ns1', 'vm1'));
  assert.notEqual(a, firmwareUuid('ns2', 'vm1'));
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('MACs are stable, per interface, locally administered unicast', () => {
  const m = stableMac('uid-1', 'default');
  assert.equal(m, stableMac('uid-1', 'default'));
  assert.notEqual(m, stableMac('uid-1', 'other'));
  assert.notEqual(m, stableMac('uid-2', 'default'));
  assert.match(m, /^02(:[0-9a-f]{2}){5}$/);
});

test('the VMI copies the template, is owned by the VM and gets a UUID and MACs', () => {
  const vm = vmFixture('Always', { generation: 3 });
  const vmi = buildVmi(vm);
  assert.equal(vmi.metadata.name, 'vm1');
  assert.equal(vmi.metadata.namespace, 'ns1');
  assert.deepEqual(vmi.metadata.labels, { 'kubevirt.io/domain': 'vm1' });
  assert.equal(vmi.metadata.annotations?.note, 'x');
  assert.equal(vmi.metadata.annotations?.[VM_GENERATION_ANNOTATION], '3');
  assert.equal(vmi.metadata.annotations?.[TEMPLATE_HASH_ANNOTATION], templateHash(vm));
  assert.deepEqual(vmi.metadata.ownerReferences, [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'vm1', uid: 'vm-uid-1', controller: true, blockOwnerDeletion: true }]);
  assert.equal(vmi.spec?.domain.firmware?.uuid, firmwareUuid('ns1', 'vm1'));
  const [auto, fixed] = vmi.spec!.domain.devices!.interfaces!;
  assert.equal(auto.macAddress, stableMac('vm-uid-1', 'default'));
  assert.equal(fixed.macAddress, '52:54:00:00:00:01');
  // The VM itself is untouched.
  assert.equal(vm.spec?.template.spec.domain.firmware, undefined);
});

test('a UUID set in the template is kept; a paused start request starts the VMI paused', () => {
  const vm = vmFixture('Halted', { status: { stateChangeRequests: [{ action: 'Start', data: { paused: 'true' } }] } });
  vm.spec!.template.spec.domain.firmware = { uuid: '11111111-2222-3333-4444-555555555555' };
  const vmi = buildVmi(vm);
  assert.equal(vmi.spec?.domain.firmware?.uuid, '11111111-2222-3333-4444-555555555555');
  assert.equal(vmi.spec?.startStrategy, 'Paused');
});

test('templateHash ignores key order and changes with the spec', () => {
  assert.equal(stableJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
  assert.equal(templateHash(vmFixture('Always')), templateHash(vmFixture('Halted')));
  assert.notEqual(templateHash(vmFixture('Always')), templateHash(vmFixture('Always', { memory: '256Mi' })));
});
