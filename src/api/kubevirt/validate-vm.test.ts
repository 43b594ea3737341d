// One test per admission rule, each showing the exact field path and message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FieldError } from '../../machinery/kind.ts';
import type { VirtualMachine } from './types.ts';
import { validateVirtualMachine } from './validate-vm.ts';

const T = 'spec.template.spec';

/** A complete, valid VM; each test breaks one thing. */
function vm(): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: 'root-dv' }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '10Gi' } } } } }],
      template: {
        spec: {
          domain: {
            cpu: { cores: 1, sockets: 1, threads: 1 },
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
                { name: 'scratch.0', disk: { bus: 'sata' } },
              ],
              interfaces: [
                { name: 'default', masquerade: {}, model: 'virtio' },
                { name: 'pxe', bridge: {}, bootOrder: 2 },
              ],
            },
            resources: { requests: { memory: '1Gi' } },
          },
          networks: [
            { name: 'default', pod: {} },
            { name: 'pxe', multus: { networkName: 'pxe-net-conf' } },
          ],
          volumes: [
            { name: 'rootdisk', dataVolume: { name: 'root-dv' } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
            { name: 'scratch.0', emptyDisk: { capacity: '1Gi' } },
          ],
        },
      },
    },
  };
}

type Spec = NonNullable<VirtualMachine['spec']>;
type Tmpl = Spec['template']['spec'];
function tmpl(v: VirtualMachine): Tmpl {
  return v.spec!.template.spec;
}

function only(errs: FieldError[]): FieldError {
  assert.equal(errs.length, 1, JSON.stringify(errs, null, 2));
  return errs[0]!;
}

test('the base VM is valid', () => {
  assert.deepEqual(validateVirtualMachine(vm()), []);
});

test('VM name must follow the VM name rule', () => {
  const v = vm();
  v.metadata.name = 'Web.1';
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, 'metadata.name');
  assert.equal(e.reason, 'FieldValueInvalid');
  assert.match(e.message, /^metadata.name: "Web.1" is invalid: a virtual machine name may contain only lower-case letters \(a-z\), digits \(0-9\) and hyphens \(-\), must start and end with an alphanumeric character, and may be at most 253 characters long/);
});

test('disk, volume, interface and network names are checked', () => {
  const v = vm();
  const s = tmpl(v);
  s.domain.devices.disks![1]!.name = 'Cloud_Init';
  s.volumes![1]!.name = 'Cloud_Init';
  s.domain.devices.interfaces![1]!.name = 'pxe net';
  s.networks![1]!.name = 'pxe net';
  const errs = validateVirtualMachine(v);
  assert.deepEqual(
    errs.map((e) => e.field),
    [`${T}.domain.devices.disks[1].name`, `${T}.volumes[1].name`, `${T}.domain.devices.interfaces[1].name`, `${T}.networks[1].name`],
  );
  assert.match(errs[0]!.message, /a disk name may contain only lower-case letters \(a-z\), digits \(0-9\), hyphens \(-\) and periods \(\.\)/);
  assert.match(errs[2]!.message, /an interface name may contain only letters, digits, '-' and '_' \(got "pxe net"\)/);
});

test('running and runStrategy are mutually exclusive', () => {
  const v = vm();
  v.spec!.running = true;
  const e = only(validateVirtualMachine(v));
  assert.deepEqual(e, {
    field: 'spec.running',
    reason: 'FieldValueForbidden',
    message: 'spec.running: running and runStrategy are mutually exclusive: remove spec.running and keep spec.runStrategy',
  });
});

test('memory limit must be at least 100Mi above the request', () => {
  const v = vm();
  tmpl(v).domain.resources = { requests: { memory: '1Gi' }, limits: { memory: '1100Mi' } };
  const e = only(validateVirtualMachine(v));
  assert.deepEqual(e, {
    field: `${T}.domain.resources.limits.memory`,
    reason: 'FieldValueInvalid',
    message: `${T}.domain.resources.limits.memory (1100Mi) must be at least 100Mi greater than ${T}.domain.resources.requests.memory (1Gi): the limit must leave room for the VM's own overhead`,
  });
  tmpl(v).domain.resources = { requests: { memory: '1Gi' }, limits: { memory: '1124Mi' } };
  assert.deepEqual(validateVirtualMachine(v), [], 'exactly 100Mi above is fine');
});

test('an invalid quantity is an error naming the field', () => {
  const v = vm();
  tmpl(v).domain.resources = { requests: { memory: '1GB' } };
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.domain.resources.requests.memory`);
  assert.match(e.message, /requests.memory: quantity "1GB" is not a valid Kubernetes quantity/);
});

test('memory must be given somewhere unless an instancetype is used', () => {
  const v = vm();
  delete tmpl(v).domain.resources;
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.domain.resources.requests.memory`);
  assert.equal(e.reason, 'FieldValueRequired');
  assert.match(e.message, /the VM needs memory: set .*requests.memory, .*limits.memory or .*memory.guest, or use an instancetype/);
  v.spec!.instancetype = { name: 'u1.medium' };
  assert.deepEqual(validateVirtualMachine(v), []);
  delete v.spec!.instancetype;
  tmpl(v).domain.memory = { guest: '2Gi' };
  assert.deepEqual(validateVirtualMachine(v), []);
});

test('EFI secure boot (explicit or by default) needs SMM', () => {
  const v = vm();
  tmpl(v).domain.firmware = { bootloader: { efi: {} } };
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.domain.features.smm.enabled`);
  assert.equal(e.reason, 'FieldValueInvalid');
  assert.match(e.message, /secureBoot is true by default: EFI secure boot requires SMM \(System Management Mode\)/);
  tmpl(v).domain.features = { smm: { enabled: false } };
  assert.equal(only(validateVirtualMachine(v)).field, `${T}.domain.features.smm.enabled`);
  tmpl(v).domain.features = { smm: {} };
  assert.deepEqual(validateVirtualMachine(v), [], 'smm: {} is enabled');
  tmpl(v).domain.features = {};
  tmpl(v).domain.firmware = { bootloader: { efi: { secureBoot: false } } };
  assert.deepEqual(validateVirtualMachine(v), [], 'EFI without secure boot needs no SMM');
});

test('masquerade only on the pod network', () => {
  const v = vm();
  tmpl(v).domain.devices.interfaces![1] = { name: 'pxe', masquerade: {} };
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.domain.devices.interfaces[1].masquerade`);
  assert.equal(e.reason, 'FieldValueForbidden');
  assert.match(e.message, /masquerade binding works only on the pod network, and network "pxe" is a Multus network/);
});

test('bridge on the pod network is refused with evictionStrategy LiveMigrate, saying why', () => {
  const v = vm();
  tmpl(v).domain.devices.interfaces![0] = { name: 'default', bridge: {} };
  assert.deepEqual(validateVirtualMachine(v), [], 'fine without LiveMigrate');
  tmpl(v).evictionStrategy = 'LiveMigrate';
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.domain.devices.interfaces[0].bridge`);
  assert.equal(e.reason, 'FieldValueForbidden');
  assert.match(e.message, /hands the pod's IP address to the guest, and that address cannot move to another node, so the VM could never live-migrate/);
});

test('interfaces and networks must pair up by name', () => {
  const v = vm();
  tmpl(v).networks![1]!.name = 'storage';
  const errs = validateVirtualMachine(v);
  assert.deepEqual(
    errs.map((e) => [e.field, e.message]),
    [
      [`${T}.domain.devices.interfaces[1].name`, `${T}.domain.devices.interfaces[1].name: interface "pxe" has no network of the same name in ${T}.networks: every interface needs one`],
      [`${T}.networks[1].name`, `${T}.networks[1].name: network "storage" has no interface of the same name in ${T}.domain.devices.interfaces: every network needs one`],
    ],
  );
});

test('at most one pod network', () => {
  const v = vm();
  tmpl(v).networks![1] = { name: 'pxe', pod: {} };
  tmpl(v).domain.devices.interfaces![1] = { name: 'pxe', masquerade: {} };
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.networks[1]`);
  assert.match(e.message, /only one pod network \(pod: \{\} or multus with default: true\) is allowed per VM/);
});

test('disks and volumes must pair up by name (cloud-init volumes too)', () => {
  const v = vm();
  tmpl(v).domain.devices.disks!.splice(1, 1); // drop the cloudinitdisk disk
  tmpl(v).domain.devices.disks!.push({ name: 'data' });
  const errs = validateVirtualMachine(v);
  assert.deepEqual(
    errs.map((e) => [e.field, e.message]),
    [
      [`${T}.domain.devices.disks[2].name`, `${T}.domain.devices.disks[2].name: disk "data" has no volume of the same name in ${T}.volumes: every disk needs one`],
      [`${T}.volumes[1].name`, `${T}.volumes[1].name: volume "cloudinitdisk" has no disk of the same name in ${T}.domain.devices.disks: every volume (cloud-init ones too) needs one`],
    ],
  );
});

test('duplicate names among disks, volumes, interfaces and networks', () => {
  const v = vm();
  const s = tmpl(v);
  s.domain.devices.disks![2]!.name = 'rootdisk';
  s.volumes![2]!.name = 'rootdisk';
  s.domain.devices.interfaces![1] = { name: 'default', masquerade: {} };
  s.networks![1] = { name: 'default', multus: { networkName: 'x' } };
  const dups = validateVirtualMachine(v).filter((e) => e.reason === 'FieldValueDuplicate');
  assert.deepEqual(
    dups.map((e) => e.field),
    [`${T}.domain.devices.disks[2].name`, `${T}.volumes[2].name`, `${T}.domain.devices.interfaces[1].name`, `${T}.networks[1].name`],
  );
  assert.equal(dups[0]!.message, `${T}.domain.devices.disks[2].name: duplicate name "rootdisk", already used by ${T}.domain.devices.disks[0]: names must be unique`);
});

test('bootOrder must be at least 1 and unique across disks and interfaces', () => {
  const v = vm();
  tmpl(v).domain.devices.disks![1]!.bootOrder = 0;
  tmpl(v).domain.devices.interfaces![1]!.bootOrder = 1;
  const errs = validateVirtualMachine(v);
  assert.deepEqual(
    errs.map((e) => [e.field, e.reason, e.message]),
    [
      [`${T}.domain.devices.disks[1].bootOrder`, 'FieldValueInvalid', `${T}.domain.devices.disks[1].bootOrder: must be at least 1 (got 0); 1 boots first`],
      [
        `${T}.domain.devices.interfaces[1].bootOrder`,
        'FieldValueDuplicate',
        `${T}.domain.devices.interfaces[1].bootOrder: boot order 1 is already used by ${T}.domain.devices.disks[0]: each disk and interface needs its own`,
      ],
    ],
  );
});

test('reserved namespaces are refused, default is fine', () => {
  for (const ns of ['openshift-cnv', 'kube-system', 'kube-public', 'vireo-system']) {
    const v = vm();
    v.metadata.namespace = ns;
    const e = only(validateVirtualMachine(v));
    assert.deepEqual(e, {
      field: 'metadata.namespace',
      reason: 'FieldValueForbidden',
      message: `virtual machines may not be created in the reserved namespace "${ns}": create a namespace without the openshift-/kube-/vireo- prefix, as the OpenShift Virtualization documentation warns`,
    });
  }
  const v = vm();
  v.metadata.namespace = 'openshift'; // only the prefixed ones are reserved
  assert.deepEqual(validateVirtualMachine(v), []);
});

test('enum fields list their allowed values', () => {
  const v = vm();
  const s = tmpl(v);
  v.spec!.runStrategy = 'Sometimes';
  s.evictionStrategy = 'Migrate';
  s.domain.devices.disks![0]!.disk = { bus: 'ide' };
  s.domain.devices.interfaces![0]!.model = 'virtio-net';
  s.domain.cpu!.features = [{ name: 'apic', policy: 'must' }];
  const errs = validateVirtualMachine(v);
  assert.ok(errs.every((e) => e.reason === 'FieldValueNotSupported'));
  assert.deepEqual(
    errs.map((e) => e.message),
    [
      'spec.runStrategy: unsupported value "Sometimes": supported values are "Always", "RerunOnFailure", "Manual", "Halted" or "Once"',
      `${T}.domain.cpu.features[0].policy: unsupported value "must": supported values are "force", "require", "optional", "disable" or "forbid"`,
      `${T}.domain.devices.disks[0].disk.bus: unsupported value "ide": supported values are "virtio", "sata", "scsi" or "usb"`,
      `${T}.domain.devices.interfaces[0].model: unsupported value "virtio-net": supported values are "virtio", "e1000e", "e1000", "igb", "ne2k_pci", "pcnet" or "rtl8139"`,
      `${T}.evictionStrategy: unsupported value "Migrate": supported values are "None", "LiveMigrate", "LiveMigrateIfPossible" or "External"`,
    ],
  );
});

test('cpu cores, sockets and threads must be at least 1', () => {
  const v = vm();
  tmpl(v).domain.cpu = { cores: 0, sockets: 1, threads: -1 };
  const errs = validateVirtualMachine(v);
  assert.deepEqual(
    errs.map((e) => e.message),
    [`${T}.domain.cpu.cores: must be at least 1 (got 0)`, `${T}.domain.cpu.threads: must be at least 1 (got -1)`],
  );
});

test('a volume has exactly one source type', () => {
  const v = vm();
  tmpl(v).volumes![2] = { name: 'scratch.0', emptyDisk: { capacity: '1Gi' }, containerDisk: { image: 'x' } };
  const e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.volumes[2]`);
  assert.match(e.message, /a volume must have exactly one source type \(.*\); got containerDisk, emptyDisk$/);
  tmpl(v).volumes![2] = { name: 'scratch.0' };
  assert.match(only(validateVirtualMachine(v)).message, /got none$/);
});

test('hostDisk DiskOrCreate needs capacity; emptyDisk needs capacity; containerDisk needs image', () => {
  const v = vm();
  tmpl(v).volumes![2] = { name: 'scratch.0', hostDisk: { path: '/var/data/disk.img', type: 'DiskOrCreate' } };
  let e = only(validateVirtualMachine(v));
  assert.deepEqual(e, {
    field: `${T}.volumes[2].hostDisk.capacity`,
    reason: 'FieldValueRequired',
    message: `${T}.volumes[2].hostDisk.capacity: a hostDisk of type "DiskOrCreate" needs a capacity for the image it creates`,
  });
  tmpl(v).volumes![2] = { name: 'scratch.0', emptyDisk: {} };
  e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.volumes[2].emptyDisk.capacity`);
  assert.equal(e.message, `${T}.volumes[2].emptyDisk.capacity: an emptyDisk needs a capacity (e.g. 10Gi)`);
  tmpl(v).volumes![2] = { name: 'scratch.0', containerDisk: {} };
  e = only(validateVirtualMachine(v));
  assert.equal(e.field, `${T}.volumes[2].containerDisk.image`);
  assert.equal(e.reason, 'FieldValueRequired');
});

test('dataVolume volumes may name a template or an existing DataVolume', () => {
  const v = vm();
  tmpl(v).volumes![0] = { name: 'rootdisk', dataVolume: { name: 'created-elsewhere' } };
  assert.deepEqual(validateVirtualMachine(v), []);
});

test('all errors are reported at once', () => {
  const v = vm();
  v.spec!.running = false;
  tmpl(v).domain.cpu!.cores = 0;
  tmpl(v).domain.firmware = { bootloader: { efi: { secureBoot: true } } };
  assert.equal(validateVirtualMachine(v).length, 3);
});
