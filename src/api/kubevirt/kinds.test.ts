// The three kinds as declared: names, columns, schemas, defaults, and the VMI/VMIM rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { kubevirtKinds } from './index.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from './types.ts';
import { virtualMachineKind } from './virtualmachine.ts';
import { virtualMachineInstanceKind } from './virtualmachineinstance.ts';
import { virtualMachineInstanceMigrationKind } from './virtualmachineinstancemigration.ts';

const ctx = { operation: 'CREATE' as const, get: async () => undefined };

function vmi(): VirtualMachineInstance {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name: 'vmi-pxe-boot', namespace: 'default' },
    spec: {
      domain: {
        devices: {
          disks: [{ name: 'containerdisk', bootOrder: 2 }],
          interfaces: [
            { name: 'default', masquerade: {} },
            { name: 'pxe-net', bridge: {}, macAddress: 'de:00:00:00:00:de', bootOrder: 1 },
          ],
        },
        resources: { requests: { memory: '1Gi' } },
      },
      networks: [
        { name: 'default', pod: {} },
        { name: 'pxe-net', multus: { networkName: 'pxe-net-conf' } },
      ],
      volumes: [{ name: 'containerdisk', containerDisk: { image: 'kubevirt/fedora-cloud-container-disk-demo' } }],
    },
  };
}

test('kubevirtKinds declares VM, VMI and VMIM with KubeVirt names', () => {
  assert.deepEqual(
    kubevirtKinds.map((k) => [k.group, k.version, k.kind, k.plural, k.singular, k.shortNames, k.categories, k.namespaced, k.hasStatus]),
    [
      ['kubevirt.io', 'v1', 'VirtualMachine', 'virtualmachines', 'virtualmachine', ['vm', 'vms'], ['all'], true, true],
      ['kubevirt.io', 'v1', 'VirtualMachineInstance', 'virtualmachineinstances', 'virtualmachineinstance', ['vmi', 'vmis'], ['all'], true, true],
      ['kubevirt.io', 'v1', 'VirtualMachineInstanceMigration', 'virtualmachineinstancemigrations', 'virtualmachineinstancemigration', ['vmim', 'vmims'], ['all'], true, true],
    ],
  );
  assert.deepEqual(virtualMachineKind.subresources, ['start', 'stop', 'restart', 'migrate']);
  assert.deepEqual(virtualMachineInstanceKind.subresources, ['pause', 'unpause', 'softreboot', 'reset', 'console', 'vnc', 'guestosinfo']);
});

test('printer columns match kubectl get vm / vmi / vmim in KubeVirt', () => {
  const cols = (k: typeof virtualMachineKind | typeof virtualMachineInstanceKind | typeof virtualMachineInstanceMigrationKind) =>
    k.printerColumns.map((c) => [c.name, c.jsonPath, c.priority ?? 0]);
  assert.deepEqual(cols(virtualMachineKind), [
    ['Age', '.metadata.creationTimestamp', 0],
    ['Status', '.status.printableStatus', 0],
    ['Ready', '.status.conditions[?(@.type=="Ready")].status', 0],
  ]);
  assert.deepEqual(cols(virtualMachineInstanceKind), [
    ['Age', '.metadata.creationTimestamp', 0],
    ['Phase', '.status.phase', 0],
    ['IP', '.status.interfaces[0].ipAddress', 0],
    ['NodeName', '.status.nodeName', 0],
    ['Ready', '.status.conditions[?(@.type=="Ready")].status', 0],
    ['Live-Migratable', '.status.conditions[?(@.type=="LiveMigratable")].status', 1],
    ['Paused', '.status.conditions[?(@.type=="Paused")].status', 1],
  ]);
  assert.deepEqual(cols(virtualMachineInstanceMigrationKind), [
    ['Phase', '.status.phase', 0],
    ['VMI', '.spec.vmiName', 0],
  ]);
});

test('the schema refuses fields KubeVirt does not have', () => {
  // Seed 004's toleration example as printed: tolerations directly under spec.
  const vm = parse(`
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: example-vm-tolerations}
spec:
  tolerations: [{key: key, operator: Equal, value: virtualization, effect: NoSchedule}]
  template: {spec: {domain: {devices: {}}}}
`);
  const paths = [...Value.Errors(virtualMachineKind.schema, vm)].map((e) => e.path);
  assert.ok(paths.includes('/spec/tolerations'), paths.join());
  const label = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { label: { app: 'demo' } } };
  assert.ok([...Value.Errors(virtualMachineKind.schema, label)].some((e) => e.path === '/metadata/label'));
  const typo = { apiversion: 'kubevirt.io/v1', kind: 'VirtualMachine' };
  assert.ok([...Value.Errors(virtualMachineKind.schema, typo)].some((e) => e.path === '/apiversion'));
});

test('the schema requires domain.devices and accepts a full VMI with status', () => {
  const bad = { ...vmi(), spec: { domain: {} } };
  assert.ok([...Value.Errors(virtualMachineInstanceKind.schema, bad)].some((e) => e.path === '/spec/domain/devices'));
  const withStatus = {
    ...vmi(),
    status: {
      phase: 'Running',
      nodeName: 'node01',
      interfaces: [{ name: 'default', ipAddress: '10.128.0.5', ipAddresses: ['10.128.0.5'], mac: '02:00:00:00:00:01', interfaceName: 'eth0', infoSource: 'domain, guest-agent', queueCount: 1 }],
      conditions: [{ type: 'Ready', status: 'True' }],
      migrationState: { sourceNode: 'node01', targetNode: 'node02', completed: true, mode: 'PreCopy', migrationConfiguration: { bandwidthPerMigration: '0' } },
      activePods: { 'a1b2': 'node01' },
      currentCPUTopology: { cores: 1, sockets: 1, threads: 1 },
      memory: { guestAtBoot: '1Gi', guestCurrent: '1Gi', guestRequested: '1Gi' },
      phaseTransitionTimestamps: [{ phase: 'Running', phaseTransitionTimestamp: '2024-01-01T00:00:00Z' }],
    },
  };
  assert.deepEqual([...Value.Errors(virtualMachineInstanceKind.schema, withStatus)].map((e) => e.path), []);
});

test('VMI rules report paths under spec.', async () => {
  const v = vmi();
  assert.deepEqual(await virtualMachineInstanceKind.validate?.(v, ctx), []);
  v.spec!.domain.devices.disks![0]!.bootOrder = 1;
  v.spec!.domain.resources = { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } };
  const errs = (await virtualMachineInstanceKind.validate?.(v, ctx)) ?? [];
  assert.deepEqual(errs.map((e) => e.field), ['spec.domain.resources.limits.memory', 'spec.domain.devices.interfaces[1].bootOrder']);
});

test('VMI defaults: virtio disk when no type, terminationGracePeriodSeconds 180, nothing else', () => {
  const v = vmi();
  virtualMachineInstanceKind.defaults?.(v);
  assert.deepEqual(v.spec!.domain.devices.disks![0], { name: 'containerdisk', bootOrder: 2, disk: { bus: 'virtio' } });
  assert.equal(v.spec!.terminationGracePeriodSeconds, 180);
  assert.equal(v.spec!.domain.devices.interfaces![0]!.model, undefined);
  assert.equal(v.spec!.domain.firmware, undefined);
  assert.equal(v.spec!.domain.machine, undefined);

  const cd = vmi();
  cd.spec!.domain.devices.disks![0] = { name: 'containerdisk', cdrom: { bus: 'sata' } };
  cd.spec!.terminationGracePeriodSeconds = 0;
  virtualMachineInstanceKind.defaults?.(cd);
  assert.deepEqual(cd.spec!.domain.devices.disks![0], { name: 'containerdisk', cdrom: { bus: 'sata' } });
  assert.equal(cd.spec!.terminationGracePeriodSeconds, 0);
});

test('VM defaults leave running/runStrategy and the grace period alone', () => {
  const vm: VirtualMachine = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'a' },
    spec: { template: { spec: { domain: { devices: { disks: [{ name: 'd' }] } } } } },
  };
  virtualMachineKind.defaults?.(vm);
  assert.deepEqual(vm.spec, { template: { spec: { domain: { devices: { disks: [{ name: 'd', disk: { bus: 'virtio' } }] } } } } });
});

test('VMIM: spec.vmiName is required', async () => {
  const m: VirtualMachineInstanceMigration = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstanceMigration',
    metadata: { name: 'migrate-1', namespace: 'default' },
    spec: {},
  };
  assert.deepEqual(await virtualMachineInstanceMigrationKind.validate?.(m, ctx), [
    { field: 'spec.vmiName', reason: 'FieldValueRequired', message: 'spec.vmiName: required: the name of the VirtualMachineInstance to migrate' },
  ]);
  m.spec = { vmiName: 'vmi-pxe-boot', addedNodeSelector: { zone: 'a' } };
  assert.deepEqual(await virtualMachineInstanceMigrationKind.validate?.(m, ctx), []);
  assert.deepEqual([...Value.Errors(virtualMachineInstanceMigrationKind.schema, m)].map((e) => e.path), []);
});
