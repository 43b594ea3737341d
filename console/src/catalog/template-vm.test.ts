import assert from 'node:assert/strict';
import { test } from 'node:test';
import { template } from './common-templates.fixture.ts';
import { readableSize, templateVm, vmSize } from './template-vm.ts';

test('the size the Quick create panel shows, from the template\'s VM', () => {
  assert.deepEqual(vmSize(templateVm(template('vireo-tiny-server-tiny'))), { cpus: 1, memory: '128Mi', storage: '1Gi', disks: 2, nics: 1 });
  assert.deepEqual(vmSize(templateVm(template('fedora-server-large'))), { cpus: 2, memory: '8Gi', storage: '30Gi', disks: 2, nics: 1 });
  assert.deepEqual(vmSize(templateVm(template('windows11-desktop-medium'))).disks, 1);
  assert.deepEqual(vmSize(undefined), { cpus: 1, memory: undefined, storage: undefined, disks: 0, nics: 0 });
});

test('sizes read as OpenShift shows them', () => {
  assert.equal(readableSize('128Mi'), '128 MiB');
  assert.equal(readableSize('1.5Gi'), '1.5 GiB');
  assert.equal(readableSize('2G'), '2G');
  assert.equal(readableSize(undefined), '');
});
