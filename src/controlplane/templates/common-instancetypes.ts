// The common cluster instance types and preferences (KubeVirt's common-instancetypes): the u1
// (general purpose), o1 (overcommitted), cx1 (compute exclusive) and m1 (memory) series, and one
// preference per OS that the common templates cover.
import type { KubeObject } from '../../machinery/object.ts';
import { INSTANCETYPE_API_VERSION, type InstancetypeSpec, type PreferenceSpec } from '../../api/instancetype/index.ts';

type Size = [name: string, cpus: number, memory: string];

const U1: Size[] = [['nano', 1, '512Mi'], ['micro', 1, '1Gi'], ['small', 1, '2Gi'], ['medium', 1, '4Gi'], ['2xmedium', 2, '4Gi'], ['large', 2, '8Gi'], ['xlarge', 4, '16Gi'], ['2xlarge', 8, '32Gi'], ['4xlarge', 16, '64Gi'], ['8xlarge', 32, '128Gi']];
const O1: Size[] = [['nano', 1, '512Mi'], ['micro', 1, '1Gi'], ['small', 1, '2Gi'], ['medium', 1, '4Gi'], ['large', 2, '8Gi'], ['xlarge', 4, '16Gi'], ['2xlarge', 8, '32Gi'], ['4xlarge', 16, '64Gi'], ['8xlarge', 32, '128Gi']];
const CX1: Size[] = [['medium', 1, '2Gi'], ['large', 2, '4Gi'], ['xlarge', 4, '8Gi'], ['2xlarge', 8, '16Gi'], ['4xlarge', 16, '32Gi'], ['8xlarge', 32, '64Gi']];
const M1: Size[] = [['large', 2, '16Gi'], ['xlarge', 4, '32Gi'], ['2xlarge', 8, '64Gi'], ['4xlarge', 16, '128Gi'], ['8xlarge', 32, '256Gi']];

const SERIES: { series: string; display: string; sizes: Size[]; spec: (cpus: number, memory: string) => InstancetypeSpec }[] = [
  { series: 'u1', display: 'Universal', sizes: U1, spec: (c, m) => ({ cpu: { guest: c }, memory: { guest: m } }) },
  { series: 'o1', display: 'Overcommitted', sizes: O1, spec: (c, m) => ({ cpu: { guest: c }, memory: { guest: m, overcommitPercent: 50 } }) },
  { series: 'cx1', display: 'Compute Exclusive', sizes: CX1, spec: (c, m) => ({ cpu: { guest: c, dedicatedCPUPlacement: true, isolateEmulatorThread: true }, memory: { guest: m, hugepages: { pageSize: '2Mi' } }, ioThreadsPolicy: 'shared' }) },
  { series: 'm1', display: 'Memory Intensive', sizes: M1, spec: (c, m) => ({ cpu: { guest: c }, memory: { guest: m, hugepages: { pageSize: '2Mi' } } }) },
];

const LINUX: PreferenceSpec = { devices: { preferredDiskBus: 'virtio', preferredInterfaceModel: 'virtio', preferredRng: {} } };
const EFI: PreferenceSpec = { firmware: { preferredUseEfi: true, preferredUseSecureBoot: true }, features: { preferredSmm: {} } };
const WINDOWS: PreferenceSpec = {
  cpu: { preferredCPUTopology: 'preferSockets' },
  devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e', preferredCdromBus: 'sata', preferredTPM: {}, preferredAutoattachInputDevice: true, preferredInputBus: 'usb', preferredInputType: 'tablet' },
  firmware: { preferredUseEfi: true, preferredUseSecureBoot: true },
  features: { preferredSmm: {}, preferredHyperv: { relaxed: {}, vapic: {}, spinlocks: { spinlocks: 8191 } } },
  clock: { utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } },
  preferredTerminationGracePeriodSeconds: 3600,
};
const req = (cpus: number, memory: string): PreferenceSpec => ({ requirements: { cpu: { guest: cpus }, memory: { guest: memory } } });

const PREFERENCES: [name: string, display: string, spec: PreferenceSpec][] = [
  ['vireo.tiny', 'Vireo tiny Linux', { ...LINUX, ...req(1, '128Mi') }],
  ['fedora', 'Fedora', { ...LINUX, ...EFI, ...req(1, '2Gi') }],
  ['centos.stream9', 'CentOS Stream 9', { ...LINUX, ...req(1, '1.5Gi') }],
  ['rhel.8', 'Red Hat Enterprise Linux 8', { ...LINUX, ...req(1, '1.5Gi') }],
  ['rhel.9', 'Red Hat Enterprise Linux 9', { ...LINUX, ...req(1, '1.5Gi') }],
  ['ubuntu', 'Ubuntu', { ...LINUX, ...req(1, '2Gi') }],
  ['debian', 'Debian', { ...LINUX, ...req(1, '1Gi') }],
  ['windows.10', 'Microsoft Windows 10', { ...WINDOWS, ...req(1, '2Gi') }],
  ['windows.11', 'Microsoft Windows 11', { ...WINDOWS, ...req(2, '4Gi') }],
  ['windows.2k19', 'Microsoft Windows Server 2019', { ...WINDOWS, ...req(1, '2Gi') }],
  ['windows.2k22', 'Microsoft Windows Server 2022', { ...WINDOWS, ...req(1, '2Gi') }],
];

const VENDOR = { 'instancetype.kubevirt.io/vendor': 'vireo.io', 'instancetype.kubevirt.io/common-instancetypes-version': 'v0.1.0' };

export function commonInstancetypes(): KubeObject[] {
  return SERIES.flatMap((s) =>
    s.sizes.map(([size, cpus, memory]) => ({
      apiVersion: INSTANCETYPE_API_VERSION,
      kind: 'VirtualMachineClusterInstancetype',
      metadata: {
        name: `${s.series}.${size}`,
        labels: { ...VENDOR, 'instancetype.kubevirt.io/class': s.display, 'instancetype.kubevirt.io/cpu': String(cpus), 'instancetype.kubevirt.io/memory': memory },
        annotations: { 'instancetype.kubevirt.io/displayName': `${s.display} ${size}` },
      },
      spec: s.spec(cpus, memory),
    })),
  );
}

export function commonPreferences(): KubeObject[] {
  return PREFERENCES.map(([name, display, spec]) => ({
    apiVersion: INSTANCETYPE_API_VERSION,
    kind: 'VirtualMachineClusterPreference',
    metadata: { name, labels: { ...VENDOR }, annotations: { 'openshift.io/display-name': display } },
    spec,
  }));
}
