// The operating systems Vireo ships VM templates for, as data: what the console shows (name, icon,
// support state), which DataSource in vireo-os-images is the boot source, and the profiles each
// offers. common-templates.ts turns this into one Template per OS × workload × flavor.

export type Flavor = 'tiny' | 'small' | 'medium' | 'large';
export type Workload = 'server' | 'desktop' | 'highperformance';

export interface OsEntry {
  /** Template name prefix and os.template.kubevirt.io/<os> label key (KubeVirt's osinfo ids). */
  os: string;
  displayName: string;
  iconClass: string;
  /** DataSource in vireo-os-images holding the golden disk. */
  dataSource: string;
  /** The user cloud-init creates (Linux); Windows templates have no cloud-init. */
  cloudUser?: string;
  windows: boolean;
  workloads: Workload[];
  flavors: Flavor[];
  /** Smallest root disk the OS needs. */
  diskSize: string;
  /** Supported by Vireo's maintainers; others are shown as community templates. */
  supported: boolean;
  deprecated?: boolean;
  /** Memory the OS needs at least: flavors below it are not offered. */
  minMemory?: string;
  /** The cluster preference that matches (instancetype.kubevirt.io). */
  preference: string;
}

const LINUX_FLAVORS: Flavor[] = ['tiny', 'small', 'medium', 'large'];
const WINDOWS_FLAVORS: Flavor[] = ['medium', 'large'];

export const COMMON_OS: OsEntry[] = [
  { os: 'vireo-tiny', displayName: 'Vireo tiny Linux', iconClass: 'icon-linux', dataSource: 'vireo-tiny', cloudUser: 'vireo', windows: false, workloads: ['server'], flavors: ['tiny', 'small'], diskSize: '1Gi', supported: true, preference: 'vireo.tiny' },
  { os: 'fedora', displayName: 'Fedora', iconClass: 'icon-fedora', dataSource: 'fedora', cloudUser: 'fedora', windows: false, workloads: ['server', 'desktop', 'highperformance'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: false, preference: 'fedora' },
  { os: 'centos-stream9', displayName: 'CentOS Stream 9', iconClass: 'icon-centos', dataSource: 'centos-stream9', cloudUser: 'cloud-user', windows: false, workloads: ['server', 'desktop'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: false, preference: 'centos.stream9' },
  { os: 'rhel8', displayName: 'Red Hat Enterprise Linux 8', iconClass: 'icon-rhel', dataSource: 'rhel8', cloudUser: 'cloud-user', windows: false, workloads: ['server', 'desktop', 'highperformance'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: true, preference: 'rhel.8' },
  { os: 'rhel9', displayName: 'Red Hat Enterprise Linux 9', iconClass: 'icon-rhel', dataSource: 'rhel9', cloudUser: 'cloud-user', windows: false, workloads: ['server', 'desktop', 'highperformance'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: true, preference: 'rhel.9' },
  { os: 'ubuntu', displayName: 'Ubuntu', iconClass: 'icon-ubuntu', dataSource: 'ubuntu', cloudUser: 'ubuntu', windows: false, workloads: ['server', 'desktop'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: false, preference: 'ubuntu' },
  { os: 'debian', displayName: 'Debian', iconClass: 'icon-debian', dataSource: 'debian', cloudUser: 'debian', windows: false, workloads: ['server', 'desktop'], flavors: LINUX_FLAVORS, diskSize: '30Gi', supported: false, preference: 'debian' },
  { os: 'windows10', displayName: 'Microsoft Windows 10', iconClass: 'icon-windows', dataSource: 'win10', windows: true, workloads: ['desktop'], flavors: WINDOWS_FLAVORS, diskSize: '60Gi', supported: true, deprecated: true, preference: 'windows.10' },
  { os: 'windows11', displayName: 'Microsoft Windows 11', iconClass: 'icon-windows', dataSource: 'win11', windows: true, workloads: ['desktop'], flavors: WINDOWS_FLAVORS, diskSize: '60Gi', supported: true, preference: 'windows.11' },
  { os: 'windows2k19', displayName: 'Microsoft Windows Server 2019', iconClass: 'icon-windows', dataSource: 'win2k19', windows: true, workloads: ['server', 'highperformance'], flavors: WINDOWS_FLAVORS, diskSize: '60Gi', supported: true, preference: 'windows.2k19' },
  { os: 'windows2k22', displayName: 'Microsoft Windows Server 2022', iconClass: 'icon-windows', dataSource: 'win2k22', windows: true, workloads: ['server', 'highperformance'], flavors: WINDOWS_FLAVORS, diskSize: '60Gi', supported: true, preference: 'windows.2k22' },
];

/** CPU and memory of each flavor (KubeVirt common-templates' sizes; the tiny guest needs less). */
export function flavorSize(os: OsEntry, flavor: Flavor): { cpus: number; memory: string } {
  if (os.os === 'vireo-tiny') return flavor === 'tiny' ? { cpus: 1, memory: '128Mi' } : { cpus: 1, memory: '256Mi' };
  const linux: Record<Flavor, { cpus: number; memory: string }> = { tiny: { cpus: 1, memory: '1.5Gi' }, small: { cpus: 1, memory: '2Gi' }, medium: { cpus: 1, memory: '4Gi' }, large: { cpus: 2, memory: '8Gi' } };
  const windows: Record<Flavor, { cpus: number; memory: string }> = { tiny: linux.tiny, small: linux.small, medium: { cpus: 1, memory: '4Gi' }, large: { cpus: 2, memory: '8Gi' } };
  return (os.windows ? windows : linux)[flavor];
}
