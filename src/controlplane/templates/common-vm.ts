// The VirtualMachine inside a common template, with ${NAME}, ${DATA_SOURCE_NAME},
// ${DATA_SOURCE_NAMESPACE} and ${CLOUD_USER_PASSWORD} left for processing. Linux guests get virtio
// devices and cloud-init; Windows gets UEFI with secure boot, SMM, a TPM, SATA disks, an e1000e
// NIC and Hyper-V enlightenments. Workloads tune it as seed 002 describes: desktop adds a tablet,
// highperformance shares an I/O thread and takes the host's CPU model.
import { flavorSize, type Flavor, type OsEntry, type Workload } from './common-os.ts';

export function templateName(os: OsEntry, workload: Workload, flavor: Flavor): string {
  return `${os.os}-${workload}-${flavor}`;
}

const WINDOWS_FEATURES = {
  acpi: {},
  apic: {},
  smm: { enabled: true },
  hyperv: { relaxed: {}, vapic: {}, vpindex: {}, spinlocks: { spinlocks: 8191 }, synic: {}, synictimer: { direct: {} }, tlbflush: {}, frequencies: {}, reenlightenment: {}, ipi: {}, runtime: {}, reset: {} },
};
const WINDOWS_CLOCK = { utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } };

function domain(os: OsEntry, workload: Workload, flavor: Flavor): Record<string, unknown> {
  const size = flavorSize(os, flavor);
  const bus = os.windows ? 'sata' : 'virtio';
  const disks: Record<string, unknown>[] = [{ name: 'rootdisk', disk: { bus }, bootOrder: 1 }];
  if (!os.windows) disks.push({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
  const devices: Record<string, unknown> = {
    disks,
    interfaces: [{ name: 'default', masquerade: {}, model: os.windows ? 'e1000e' : 'virtio' }],
  };
  if (!os.windows) devices.rng = {};
  if (os.windows) devices.tpm = {};
  if (workload === 'desktop' || os.windows) devices.inputs = [{ name: 'tablet', type: 'tablet', bus: os.windows ? 'usb' : 'virtio' }];
  const d: Record<string, unknown> = {
    cpu: { sockets: size.cpus, cores: 1, threads: 1, ...(workload === 'highperformance' ? { model: 'host-passthrough' } : {}) },
    memory: { guest: size.memory },
    devices,
  };
  if (workload === 'highperformance') d.ioThreadsPolicy = 'shared';
  if (os.windows) {
    d.features = WINDOWS_FEATURES;
    d.firmware = { bootloader: { efi: { secureBoot: true } } };
    d.clock = WINDOWS_CLOCK;
  }
  return d;
}

function volumes(os: OsEntry): Record<string, unknown>[] {
  const v: Record<string, unknown>[] = [{ name: 'rootdisk', dataVolume: { name: '${NAME}' } }];
  if (os.cloudUser) {
    const userData = `#cloud-config\nuser: ${os.cloudUser}\npassword: \${CLOUD_USER_PASSWORD}\nchpasswd: { expire: False }\n`;
    v.push({ name: 'cloudinitdisk', cloudInitNoCloud: { userData } });
  }
  return v;
}

export function commonVm(os: OsEntry, workload: Workload, flavor: Flavor, templateNamespace: string, version: string): Record<string, unknown> {
  const name = templateName(os, workload, flavor);
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: '${NAME}',
      labels: { app: '${NAME}', 'vm.kubevirt.io/template': name, 'vm.kubevirt.io/template.version': version, 'vm.kubevirt.io/template.namespace': templateNamespace },
    },
    spec: {
      runStrategy: 'Halted',
      dataVolumeTemplates: [
        {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: { name: '${NAME}' },
          spec: {
            sourceRef: { kind: 'DataSource', name: '${DATA_SOURCE_NAME}', namespace: '${DATA_SOURCE_NAMESPACE}' },
            storage: { resources: { requests: { storage: os.diskSize } } },
          },
        },
      ],
      template: {
        metadata: {
          annotations: { 'vm.kubevirt.io/flavor': flavor, 'vm.kubevirt.io/os': os.os, 'vm.kubevirt.io/workload': workload },
          labels: { 'kubevirt.io/domain': '${NAME}', 'kubevirt.io/size': flavor },
        },
        spec: {
          domain: domain(os, workload, flavor),
          networks: [{ name: 'default', pod: {} }],
          terminationGracePeriodSeconds: os.windows ? 3600 : 180,
          volumes: volumes(os),
        },
      },
    },
  };
}
