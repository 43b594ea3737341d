// Allowed values of the kubevirt.io/v1 enum fields. The schema lists them for `kubectl explain`;
// admission checks them so a wrong value gets a message naming the field and the choices.

export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'usb'] as const;
export const INTERFACE_MODELS = ['virtio', 'e1000e', 'e1000', 'igb', 'ne2k_pci', 'pcnet', 'rtl8139'] as const;
export const RUN_STRATEGIES = ['Always', 'RerunOnFailure', 'Manual', 'Halted', 'Once'] as const;
export const EVICTION_STRATEGIES = ['None', 'LiveMigrate', 'LiveMigrateIfPossible', 'External'] as const;
export const CPU_FEATURE_POLICIES = ['force', 'require', 'optional', 'disable', 'forbid'] as const;
export const HOST_DISK_TYPES = ['Disk', 'DiskOrCreate'] as const;
export const DISK_CACHE_MODES = ['none', 'writethrough', 'writeback'] as const;
export const DISK_IO_MODES = ['native', 'threads'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export const START_STRATEGIES = ['Paused'] as const;
export const IO_THREADS_POLICIES = ['shared', 'auto', 'supplementalPool'] as const;
export const PORT_PROTOCOLS = ['TCP', 'UDP'] as const;
export const VMI_PHASES = ['Pending', 'Scheduling', 'Scheduled', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export const MIGRATION_PHASES = [
  'Pending',
  'Scheduling',
  'Scheduled',
  'PreparingTarget',
  'TargetReady',
  'Running',
  'Succeeded',
  'Failed',
] as const;

/** "'a', 'b' or 'c'" for messages. */
export function listOf(values: readonly string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}
