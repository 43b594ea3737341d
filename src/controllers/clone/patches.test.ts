import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import { applyJsonPatch } from '../../machinery/patch.ts';
import { LAST_RESTORE_ANNOTATION } from '../snapshot/restore-plan.ts';
import { clonePatches, escapePointer, type SourceVm } from './patches.ts';

function source(): SourceVm {
  return {
    metadata: { name: 'vm1', labels: { app: 'web', 'team.io/owner': 'ops' }, annotations: { note: 'x', [LAST_RESTORE_ANNOTATION]: 'r-1' } },
    spec: {
      runStrategy: 'Halted',
      template: {
        metadata: { labels: { 'kubevirt.io/vm': 'vm1', net: 'a' }, annotations: { 'ovn.org/ip': '10.0.0.5' } },
        spec: {
          domain: {
            firmware: { uuid: 'u-1', serial: 's-1' },
            devices: { interfaces: [{ name: 'default', masquerade: {}, macAddress: '02:00:00:00:00:01' }, { name: 'lan', bridge: {} }, { name: 'san', bridge: {}, macAddress: '02:00:00:00:00:03' }] },
          },
          networks: [{ name: 'default', pod: {} }],
        },
      },
    },
  } as SourceVm;
}

const ops = (patches: string[]) => patches.map((p) => JSON.parse(p) as unknown);
const apply = (vm: SourceVm, patches: string[]) => applyJsonPatch(vm, ops(patches)) as VirtualMachine;

test('by default MACs, the firmware UUID and serial go; labels and annotations stay', () => {
  const patches = clonePatches(source(), { source: { kind: 'VirtualMachine', name: 'vm1' } });
  assert.deepEqual(ops(patches), [
    { op: 'remove', path: '/spec/template/spec/domain/devices/interfaces/0/macAddress' },
    { op: 'remove', path: '/spec/template/spec/domain/devices/interfaces/2/macAddress' },
    { op: 'remove', path: '/spec/template/spec/domain/firmware/uuid' },
    { op: 'remove', path: '/spec/template/spec/domain/firmware/serial' },
  ]);
  const vm = apply(source(), patches);
  assert.deepEqual(vm.spec?.template?.spec?.domain.firmware, {});
  assert.deepEqual(vm.spec?.template?.spec?.domain.devices?.interfaces?.map((i) => i.macAddress), [undefined, undefined, undefined]);
  assert.deepEqual(vm.metadata.labels, source().metadata?.labels);
});

test('new MACs and a new serial are set, also where the source had none', () => {
  const spec = { source: { kind: 'VirtualMachine', name: 'vm1' }, newMacAddresses: { lan: '02:aa:00:00:00:02', default: '02:aa:00:00:00:01' }, newSMBiosSerial: 'clone-serial' };
  const vm = apply(source(), clonePatches(source(), spec));
  assert.deepEqual(vm.spec?.template?.spec?.domain.devices?.interfaces?.map((i) => i.macAddress), ['02:aa:00:00:00:01', '02:aa:00:00:00:02', undefined]);
  assert.deepEqual(vm.spec?.template?.spec?.domain.firmware, { serial: 'clone-serial' });
  const bare = source();
  delete bare.spec!.template.spec!.domain.firmware;
  assert.deepEqual(apply(bare, clonePatches(bare, spec)).spec?.template?.spec?.domain.firmware, { serial: 'clone-serial' });
});

test('filters drop labels and annotations of the VM and of its template; the restore mark stays', () => {
  const spec = {
    source: { kind: 'VirtualMachine', name: 'vm1' },
    labelFilters: ['*', '!team.io/*'],
    annotationFilters: ['nothing'],
    template: { labelFilters: ['kubevirt.io/*'], annotationFilters: ['*', '!ovn.org/*'] },
  };
  const vm = apply(source(), clonePatches(source(), spec));
  assert.deepEqual(vm.metadata.labels, { app: 'web' });
  assert.deepEqual(vm.metadata.annotations, { [LAST_RESTORE_ANNOTATION]: 'r-1' });
  assert.deepEqual(vm.spec?.template?.metadata, { labels: { 'kubevirt.io/vm': 'vm1' }, annotations: {} });
  assert.ok(clonePatches(source(), spec).some((p) => p.includes('/metadata/labels/team.io~1owner')));
});

test("the clone's own patches come last", () => {
  const patches = clonePatches(source(), { source: { kind: 'VirtualMachine', name: 'vm1' }, patches: ['{"op": "replace", "path": "/spec/runStrategy", "value": "Always"}'] });
  assert.equal(apply(source(), patches).spec?.runStrategy, 'Always');
  assert.equal(patches.at(-1), '{"op": "replace", "path": "/spec/runStrategy", "value": "Always"}');
});

test('JSON pointer escaping: ~ before /', () => {
  assert.equal(escapePointer('a~b/c'), 'a~0b~1c');
});
