// The common templates shipped into vireo-system: labelled for the catalog, and every one of them
// processes into a VirtualMachine the API accepts (created with dryRun=All).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Template } from '../src/api/template/index.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { commonTemplates } from '../src/controlplane/templates/common-templates.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

const TEMPLATES = { group: 'template.openshift.io', version: 'v1', plural: 'templates', namespaced: true };
let tcp: TestControlPlane;
let shipped: Template[];
before(async () => {
  tcp = await startControlPlane();
  shipped = (await tcp.client.list<Template>(TEMPLATES, 'vireo-system', { labelSelector: 'template.kubevirt.io/type=base' })).items;
});
after(async () => {
  await tcp.stop();
});

test('every OS of the issue is shipped, each template labelled and annotated for the catalog', () => {
  assert.equal(shipped.length, commonTemplates('vireo-system', 'vireo-os-images').length);
  const oses = new Set(shipped.flatMap((t) => Object.keys(t.metadata.labels ?? {}).filter((k) => k.startsWith('os.template.kubevirt.io/')).map((k) => k.split('/')[1])));
  for (const os of ['vireo-tiny', 'fedora', 'centos-stream9', 'rhel8', 'rhel9', 'ubuntu', 'debian', 'windows10', 'windows11', 'windows2k19', 'windows2k22']) assert.ok(oses.has(os), os);
  for (const t of shipped) {
    const labels = Object.keys(t.metadata.labels ?? {});
    for (const prefix of ['os', 'flavor', 'workload']) assert.equal(labels.filter((l) => l.startsWith(`${prefix}.template.kubevirt.io/`)).length, 1, `${t.metadata.name} ${prefix}`);
    for (const a of ['openshift.io/display-name', 'iconClass', 'description', 'template.kubevirt.io/provider', 'template.kubevirt.io/version']) assert.ok(t.metadata.annotations?.[a], `${t.metadata.name} ${a}`);
    assert.deepEqual((t.parameters ?? []).slice(0, 3).map((p) => p.name), ['NAME', 'DATA_SOURCE_NAME', 'DATA_SOURCE_NAMESPACE']);
  }
  assert.equal(shipped.find((t) => t.metadata.name === 'windows10-desktop-medium')?.metadata.labels?.['template.kubevirt.io/deprecated'], 'true');
});

test('each template processes into a VirtualMachine that validates (dryRun=All)', async () => {
  for (const t of shipped) {
    const out = await tcp.client.request<Template>('POST', '/apis/template.openshift.io/v1/namespaces/vireo-system/processedtemplates', { body: t });
    assert.equal(out.objects?.length, 1, t.metadata.name);
    const vm = out.objects![0] as KubeObject;
    assert.equal(vm.kind, 'VirtualMachine');
    const os = Object.keys(t.metadata.labels!).find((k) => k.startsWith('os.template.kubevirt.io/'))!.split('/')[1];
    assert.match(vm.metadata.name!, new RegExp(`^${os}-[a-z0-9]{16}$`), t.metadata.name);
    assert.doesNotMatch(JSON.stringify(vm), /\$\{/, `${t.metadata.name} left a placeholder`);
    const created = await tcp.client
      .request<KubeObject>('POST', '/apis/kubevirt.io/v1/namespaces/default/virtualmachines', { body: vm, query: { dryRun: 'All' } })
      .catch((e: unknown) => assert.fail(`${t.metadata.name}: ${(e as Error).message}`));
    assert.equal(created.metadata.name, vm.metadata.name);
  }
  const list = await tcp.client.list({ group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true }, 'default');
  assert.equal(list.items.length, 0, 'dry runs store nothing');
});

test('Windows templates use UEFI secure boot, SMM, a TPM, SATA disks and an e1000e NIC', async () => {
  const t = shipped.find((x) => x.metadata.name === 'windows11-desktop-medium')!;
  const d = ((t.objects![0] as { spec: { template: { spec: { domain: Record<string, unknown> } } } }).spec.template.spec.domain) as {
    firmware: unknown; features: { smm: unknown }; devices: { tpm: unknown; disks: { disk: { bus: string } }[]; interfaces: { model: string }[] };
  };
  assert.deepEqual(d.firmware, { bootloader: { efi: { secureBoot: true } } });
  assert.deepEqual(d.features.smm, { enabled: true });
  assert.deepEqual(d.devices.tpm, {});
  assert.deepEqual(d.devices.disks.map((x) => x.disk.bus), ['sata']);
  assert.equal(d.devices.interfaces[0].model, 'e1000e');
});

test('the tiny Linux boot source and the common instance types and preferences are shipped', async () => {
  const ds = await tcp.client.get<KubeObject>({ group: 'cdi.kubevirt.io', version: 'v1beta1', plural: 'datasources', namespaced: true }, 'vireo-os-images', 'vireo-tiny');
  assert.deepEqual((ds.spec as { source: unknown }).source, { pvc: { name: 'vireo-tiny', namespace: 'vireo-os-images' } });
  const its = await tcp.client.list({ group: 'instancetype.kubevirt.io', version: 'v1beta1', plural: 'virtualmachineclusterinstancetypes', namespaced: false });
  const names = its.items.map((i) => i.metadata.name);
  for (const n of ['u1.small', 'u1.medium', 'u1.large', 'o1.medium', 'cx1.large', 'm1.large']) assert.ok(names.includes(n), n);
  const medium = its.items.find((i) => i.metadata.name === 'u1.medium')!;
  assert.deepEqual(medium.spec, { cpu: { guest: 1 }, memory: { guest: '4Gi' } });
  const prefs = await tcp.client.list({ group: 'instancetype.kubevirt.io', version: 'v1beta1', plural: 'virtualmachineclusterpreferences', namespaced: false });
  for (const n of ['fedora', 'centos.stream9', 'rhel.9', 'ubuntu', 'windows.11']) assert.ok(prefs.items.some((p) => p.metadata.name === n), n);
});
