import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Template } from '../api/types.ts';
import { bootSource, bootSourceRef, canQuickCreate, hasSourceBadge, unavailableReason } from './boot-source.ts';
import { dataSource, template } from './common-templates.fixture.ts';

const tiny = template('vireo-tiny-server-tiny');
const fedora = template('fedora-server-small');

test('the boot source is the sourceRef of the boot disk, filled from DATA_SOURCE_NAME/NAMESPACE', () => {
  assert.deepEqual(bootSourceRef(tiny), { namespace: 'vireo-os-images', name: 'vireo-tiny' });
  assert.deepEqual(bootSourceRef(fedora), { namespace: 'vireo-os-images', name: 'fedora' });
  // A user's copy pointing the parameter elsewhere follows it.
  const moved: Template = { ...fedora, parameters: fedora.parameters?.map((p) => (p.name === 'DATA_SOURCE_NAME' ? { ...p, value: 'fedora-42' } : p)) };
  assert.deepEqual(bootSourceRef(moved), { namespace: 'vireo-os-images', name: 'fedora-42' });
});

test('badge and Quick create only for a Ready DataSource; the reason otherwise', () => {
  const ready = [dataSource('vireo-tiny', 'True'), dataSource('fedora', 'False', 'Import DataVolume vireo-os-images/fedora phase Failed: 404')];
  const b = bootSource(tiny, ready, true);
  assert.deepEqual(b, { state: 'available', ref: { namespace: 'vireo-os-images', name: 'vireo-tiny' } });
  assert.ok(hasSourceBadge(b) && canQuickCreate(b));
  assert.equal(unavailableReason(b), undefined);

  const failed = bootSource(fedora, ready, true);
  assert.equal(failed.state, 'notReady');
  assert.ok(!hasSourceBadge(failed) && !canQuickCreate(failed));
  assert.deepEqual(unavailableReason(failed), { key: 'quick.sourceNotReady', vars: { ref: 'vireo-os-images/fedora', message: 'Import DataVolume vireo-os-images/fedora phase Failed: 404' } });

  const missing = bootSource(fedora, [dataSource('vireo-tiny', 'True')], true);
  assert.equal(missing.state, 'missing');
  assert.deepEqual(unavailableReason(missing), { key: 'quick.sourceMissing', vars: { ref: 'vireo-os-images/fedora' } });

  // No condition yet (the DataSource controller has not looked): not available.
  assert.equal(bootSource(tiny, [dataSource('vireo-tiny', undefined)], true).state, 'notReady');
  // Same name in another namespace does not count.
  assert.equal(bootSource(tiny, [{ ...dataSource('vireo-tiny', 'True'), metadata: { namespace: 'other', name: 'vireo-tiny' } }], true).state, 'missing');
  // Before the DataSources are listed: neither badge nor Quick create.
  const loading = bootSource(tiny, [], false);
  assert.ok(!hasSourceBadge(loading) && !canQuickCreate(loading));
});

test('a template whose VM brings its own disk needs no DataSource', () => {
  const own: Template = {
    metadata: { namespace: 'mine', name: 'cirros' },
    parameters: [{ name: 'NAME', value: 'x' }],
    objects: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: '${NAME}' }, spec: { template: { spec: { volumes: [{ name: 'root', containerDisk: { image: 'quay.io/cirros' } }] } } } }],
  };
  const b = bootSource(own, [], true);
  assert.deepEqual(b, { state: 'noDataSource' });
  assert.ok(canQuickCreate(b) && !hasSourceBadge(b));
});

test('sourceRef without a namespace means the template\'s; without a VM, the parameters name it', () => {
  const vm = { kind: 'VirtualMachine', spec: { dataVolumeTemplates: [{ metadata: { name: 'root' }, spec: { sourceRef: { kind: 'DataSource', name: 'golden' } } }] } };
  assert.deepEqual(bootSourceRef({ metadata: { namespace: 'team', name: 't' }, objects: [vm] }), { namespace: 'team', name: 'golden' });
  const params = [
    { name: 'DATA_SOURCE_NAME', value: 'rhel9' },
    { name: 'DATA_SOURCE_NAMESPACE', value: 'vireo-os-images' },
  ];
  assert.deepEqual(bootSourceRef({ metadata: { name: 't' }, parameters: params }), { namespace: 'vireo-os-images', name: 'rhel9' });
});
