// Instance types and preferences: the pure expansion, then through the VM controller (a VM whose
// nodeSelector no node matches, so its VMI is created but no QEMU starts), and the admission
// refusal of a VM that sets what its instance type owns.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import type { VirtualMachineInstanceSpec } from '../src/api/kubevirt/vmi-spec.ts';
import { applyInstancetype, applyPreference } from '../src/api/instancetype/index.ts';
import { ApiStatusError } from '../src/client/client.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const VMS = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true };
const VMIS = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachineinstances', namespaced: true };
const NS_ITS = { group: 'instancetype.kubevirt.io', version: 'v1beta1', plural: 'virtualmachineinstancetypes', namespaced: true };

const vmiSpec = (): VirtualMachineInstanceSpec => ({
  nodeSelector: { 'vireo.test/nobody': 'true' },
  domain: {
    devices: {
      disks: [{ name: 'rootdisk' }, { name: 'cd', cdrom: {} }, { name: 'cloudinitdisk', disk: { bus: 'sata' } }],
      interfaces: [{ name: 'default', masquerade: {} }],
    },
  },
  networks: [{ name: 'default', pod: {} }],
  volumes: [
    { name: 'rootdisk', containerDisk: { image: 'vireo.local/tiny:latest' } },
    { name: 'cd', containerDisk: { image: 'vireo.local/tiny:latest' } },
    { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
  ],
});

const vm = (name: string, spec: Partial<NonNullable<VirtualMachine['spec']>>, tmpl = vmiSpec()): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: 'default' },
  spec: { runStrategy: 'Always', template: { spec: tmpl }, ...spec },
});

describe('expansion (pure)', () => {
  test('instance type sets the CPU topology (by preference) and memory; preference fills only what is unset', () => {
    const s = applyPreference(
      applyInstancetype(vmiSpec(), { cpu: { guest: 4 }, memory: { guest: '8Gi' } }, { cpu: { preferredCPUTopology: 'preferCores' } }),
      { devices: { preferredDiskBus: 'virtio', preferredCdromBus: 'sata', preferredInterfaceModel: 'e1000e', preferredRng: {} }, firmware: { preferredUseEfi: true, preferredUseSecureBoot: true }, features: { preferredSmm: {} } },
    );
    assert.deepEqual(s.domain.cpu, { sockets: 1, cores: 4, threads: 1 });
    assert.equal(s.domain.memory?.guest, '8Gi');
    assert.deepEqual(s.domain.devices.disks!.map((d) => d.disk?.bus ?? d.cdrom?.bus), ['virtio', 'sata', 'sata']);
    assert.equal(s.domain.devices.interfaces![0].model, 'e1000e');
    assert.deepEqual(s.domain.devices.rng, {});
    assert.deepEqual(s.domain.firmware, { bootloader: { efi: { secureBoot: true } } });
    assert.deepEqual(s.domain.features?.smm, { enabled: true });
  });

  test('a firmware the VM chose is kept', () => {
    const t = vmiSpec();
    t.domain.firmware = { bootloader: { bios: {} } };
    assert.deepEqual(applyPreference(t, { firmware: { preferredUseEfi: true } }).domain.firmware, { bootloader: { bios: {} } });
  });
});

describe('through the API and the VM controller', () => {
  let tcp: TestControlPlane;
  before(async () => {
    tcp = await startControlPlane();
  });
  after(async () => {
    await tcp.stop();
  });

  test('u1.medium + fedora preference show in the VMI spec', async () => {
    await tcp.client.create(VMS, 'default', vm('it-a', { instancetype: { name: 'u1.medium' }, preference: { name: 'fedora' } }));
    const vmi = await waitFor('VMI it-a', 20_000, () => tcp.client.tryGet<VirtualMachineInstance>(VMIS, 'default', 'it-a'));
    const d = vmi.spec!.domain;
    assert.deepEqual({ sockets: d.cpu?.sockets, cores: d.cpu?.cores, threads: d.cpu?.threads }, { sockets: 1, cores: 1, threads: 1 });
    assert.equal(d.memory?.guest, '4Gi');
    assert.equal(d.devices.disks![0].disk?.bus, 'virtio');
    assert.equal(d.devices.disks![2].disk?.bus, 'sata', 'the VM chose sata for this disk');
    assert.equal(d.devices.interfaces![0].model, 'virtio');
    assert.equal(d.firmware?.bootloader?.efi?.secureBoot, true);
    // The VM itself is unchanged: the expansion lives in the VMI only.
    const stored = await tcp.client.get<VirtualMachine>(VMS, 'default', 'it-a');
    assert.equal(stored.spec!.template.spec.domain.memory, undefined);
  });

  test('a namespaced VirtualMachineInstancetype is used when the VM names its kind', async () => {
    await tcp.client.create(NS_ITS, 'default', { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineInstancetype', metadata: { name: 'mine' }, spec: { cpu: { guest: 2 }, memory: { guest: '256Mi' } } });
    await tcp.client.create(VMS, 'default', vm('it-b', { instancetype: { name: 'mine', kind: 'VirtualMachineInstancetype' } }));
    const vmi = await waitFor('VMI it-b', 20_000, () => tcp.client.tryGet<VirtualMachineInstance>(VMIS, 'default', 'it-b'));
    assert.equal(vmi.spec!.domain.cpu?.sockets, 2);
    assert.equal(vmi.spec!.domain.memory?.guest, '256Mi');
  });

  test('a VM that sets CPU or memory beside its instance type is refused, each conflict named', async () => {
    const t = vmiSpec();
    t.domain.cpu = { cores: 2 };
    t.domain.resources = { requests: { memory: '1Gi' } };
    const e = await tcp.client.create(VMS, 'default', vm('it-c', { instancetype: { name: 'u1.small' } }, t)).catch((x: unknown) => x);
    assert.ok(e instanceof ApiStatusError, String(e));
    assert.equal(e.code, 422);
    assert.match(e.message, /spec\.template\.spec\.domain\.cpu\.cores conflicts with selected instance type u1\.small/);
    assert.match(e.message, /spec\.template\.spec\.domain\.resources\.requests\.memory conflicts/);
  });
});
