import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVm } from './build-vm.ts';
import { newDisk, newNic, withDisk, withFlavor, withNic, withSource } from './edits.ts';
import { flavorPresets } from './flavor.ts';
import type { WizardState } from './state.ts';
import { admissionErrors, start } from './wizard.fixture.ts';
import { TEMPLATES } from '../catalog/common-templates.fixture.ts';

test('the browser test\'s VM: custom 2 CPU / 256Mi, a blank 1Gi disk, a hostname, started — and the API accepts it', async () => {
  const { t, base, state } = start('vireo-tiny-server-small', 'wizard-tiny1');
  let s: WizardState = withFlavor(state, 'custom', flavorPresets(t, TEMPLATES));
  s = { ...s, general: { ...s.general, cpus: '2', memory: { value: '256', unit: 'Mi' }, description: 'made by the wizard' } };
  s = withDisk(s, { ...newDisk(s), size: { value: '1', unit: 'Gi' } });
  s = { ...s, cloudInit: { ...s.cloudInit, hostname: 'wizard-host' }, evictionStrategy: 'LiveMigrateIfPossible' };
  const vm = buildVm({ base, state: s, namespace: 'default', templateWorkload: 'server' });

  assert.equal(vm.metadata.name, 'wizard-tiny1');
  assert.equal(vm.metadata.namespace, 'default');
  assert.equal(vm.metadata.annotations?.description, 'made by the wizard');
  assert.equal(vm.spec.runStrategy, 'Always');
  assert.equal(vm.spec.running, undefined);
  const spec = vm.spec.template.spec;
  assert.deepEqual(spec.domain.cpu, { sockets: 2, cores: 1, threads: 1 });
  assert.equal(spec.domain.memory?.guest, '256Mi');
  assert.deepEqual(spec.domain.devices?.disks?.map((d) => d.name), ['rootdisk', 'disk-0', 'cloudinitdisk']);
  assert.deepEqual(vm.spec.dataVolumeTemplates?.[1], {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name: 'wizard-tiny1-disk-0' },
    spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
  });
  assert.equal(spec.hostname, 'wizard-host');
  assert.match(spec.volumes?.at(-1)?.cloudInitNoCloud?.userData ?? '', /hostname: wizard-host/);
  assert.equal(spec.evictionStrategy, 'LiveMigrateIfPossible');
  assert.equal(vm.metadata.labels?.['vm.kubevirt.io/template'], 'vireo-tiny-server-small', 'still says which template');
  assert.deepEqual(await admissionErrors(vm), []);
});

test('every source, NIC and disk kind the wizard makes passes the API\'s schema and admission', async () => {
  for (const name of ['fedora-server-small', 'windows2k22-server-medium', 'rhel9-highperformance-large']) {
    const { base, state } = start(name);
    const root = state.disks[0]!;
    const variants: WizardState[] = [
      { ...state, general: { ...state.general, start: false, workload: 'desktop' } },
      { ...state, general: { ...state.general, source: 'url', url: 'https://example.com/os.qcow2' } },
      { ...state, general: { ...state.general, source: 'container', image: 'quay.io/containerdisks/fedora:40' } },
      { ...state, general: { ...state.general, source: 'disk', pvcNamespace: 'images', pvcName: 'golden' } },
      withSource(state, 'pxe', root),
      { ...state, nics: [] },
    ];
    let more = withNic(state, { ...newNic(state, ['lan']), mac: '02:00:00:00:00:01' });
    for (const source of ['blank', 'url', 'registry', 'clonePvc', 'pvc', 'container'] as const) {
      more = withDisk(more, { ...newDisk(more), source, size: { value: '2', unit: 'Gi' }, url: 'http://h/x.img', image: 'r/x', pvcNamespace: 'n', pvcName: 'c', type: source === 'container' ? 'cdrom' : 'disk', bus: source === 'container' ? 'sata' : 'scsi' });
    }
    variants.push(more, { ...more, cloudInit: { custom: true, hostname: '', sshKeys: '', script: '#cloud-config\npackages: [htop]\n' } });
    for (const [i, s] of variants.entries()) {
      const vm = buildVm({ base, state: s, namespace: 'ns1', templateWorkload: state.general.workload });
      assert.deepEqual(await admissionErrors(vm), [], `${name} variant ${i}`);
    }
  }
});
