import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEMPLATES } from '../catalog/common-templates.fixture.ts';
import { applyFlavor, flavorPresets, STANDARD_FLAVORS } from './flavor.ts';
import { processedVm, template } from './wizard.fixture.ts';

test('presets come from the same OS\'s templates; sizes it lacks are the standard ones', () => {
  const tiny = flavorPresets(template('vireo-tiny-server-small'), TEMPLATES);
  assert.deepEqual(tiny.tiny, { cpus: 1, memory: '128Mi' });
  assert.deepEqual(tiny.small, { cpus: 1, memory: '256Mi' });
  assert.deepEqual(tiny.medium, STANDARD_FLAVORS.medium);
  assert.deepEqual(tiny.large, STANDARD_FLAVORS.large);
  const fedora = flavorPresets(template('fedora-desktop-small'), TEMPLATES);
  assert.deepEqual(fedora.large, { cpus: 2, memory: '8Gi' });
  assert.deepEqual(fedora.tiny, { cpus: 1, memory: '1.5Gi' });
  // Without the catalog loaded, the template itself still gives its own flavor.
  assert.deepEqual(flavorPresets(template('vireo-tiny-server-small'), []).small, { cpus: 1, memory: '256Mi' });
});

test('a flavor sets CPUs as sockets and the guest memory, and says which it was', () => {
  const vm = processedVm('vireo-tiny-server-small');
  applyFlavor(vm, 'custom', { cpus: 2, memory: '512Mi' });
  const d = vm.spec.template.spec.domain;
  assert.deepEqual(d.cpu, { sockets: 2, cores: 1, threads: 1 });
  assert.deepEqual(d.memory, { guest: '512Mi' });
  assert.equal(vm.spec.template.metadata?.labels?.['kubevirt.io/size'], 'custom');
  assert.equal(vm.spec.template.metadata?.annotations?.['vm.kubevirt.io/flavor'], 'custom');
  assert.equal(vm.spec.template.metadata?.annotations?.['vm.kubevirt.io/os'], 'vireo-tiny', 'other annotations stay');

  const withRequest = processedVm('fedora-highperformance-small');
  withRequest.spec.template.spec.domain.resources = { requests: { memory: '2Gi' } };
  applyFlavor(withRequest, 'large', { cpus: 2, memory: '8Gi' });
  assert.equal(withRequest.spec.template.spec.domain.resources.requests?.memory, '8Gi', 'a memory request follows the guest size');
  assert.equal(withRequest.spec.template.spec.domain.cpu?.model, 'host-passthrough', 'the CPU model stays');
});
