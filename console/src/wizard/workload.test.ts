import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processedVm } from './wizard.fixture.ts';
import { applyWorkload } from './workload.ts';

test('server → desktop adds the tablet; back to server takes it away', () => {
  const vm = processedVm('fedora-server-small');
  applyWorkload(vm, 'server', 'desktop');
  assert.deepEqual(vm.spec.template.spec.domain.devices?.inputs, [{ name: 'tablet', type: 'tablet', bus: 'virtio' }]);
  assert.equal(vm.spec.template.metadata?.annotations?.['vm.kubevirt.io/workload'], 'desktop');
  applyWorkload(vm, 'desktop', 'server');
  assert.equal(vm.spec.template.spec.domain.devices?.inputs, undefined);
});

test('high performance shares an I/O thread and takes the host CPU model; leaving it undoes both', () => {
  const vm = processedVm('fedora-server-small');
  applyWorkload(vm, 'server', 'highperformance');
  assert.equal(vm.spec.template.spec.domain.ioThreadsPolicy, 'shared');
  assert.equal(vm.spec.template.spec.domain.cpu?.model, 'host-passthrough');
  const hp = processedVm('fedora-highperformance-small');
  applyWorkload(hp, 'highperformance', 'desktop');
  assert.equal(hp.spec.template.spec.domain.ioThreadsPolicy, undefined);
  assert.equal(hp.spec.template.spec.domain.cpu?.model, undefined);
  assert.equal(hp.spec.template.spec.domain.devices?.inputs?.length, 1);
});

test('the same profile changes nothing but the annotation; Windows keeps its USB tablet', () => {
  const vm = processedVm('fedora-desktop-small');
  const before = structuredClone(vm.spec.template.spec);
  applyWorkload(vm, 'desktop', 'desktop');
  assert.deepEqual(vm.spec.template.spec, before);
  const win = processedVm('windows2k22-server-medium');
  applyWorkload(win, 'server', 'desktop');
  assert.deepEqual(win.spec.template.spec.domain.devices?.inputs, [{ name: 'tablet', type: 'tablet', bus: 'usb' }], 'one tablet is enough');
});
