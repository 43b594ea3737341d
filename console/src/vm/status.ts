// printableStatus → the icon and colour the list and the details show (kubevirt-plugin's mapping).
export type StatusIcon = 'running' | 'stopped' | 'paused' | 'progress' | 'error' | 'migrating' | 'unknown';

const ICONS: Record<string, StatusIcon> = {
  Running: 'running',
  Stopped: 'stopped',
  Paused: 'paused',
  Provisioning: 'progress',
  Starting: 'progress',
  Stopping: 'progress',
  Terminating: 'progress',
  WaitingForVolumeBinding: 'progress',
  Migrating: 'migrating',
  CrashLoopBackOff: 'error',
  ErrorUnschedulable: 'error',
  ErrImagePull: 'error',
  ImagePullBackOff: 'error',
  DataVolumeError: 'error',
  ErrorPvcNotFound: 'error',
  ErrorDataVolumeNotFound: 'error',
};

export function statusIcon(status: string | undefined): StatusIcon {
  return (status && ICONS[status]) || 'unknown';
}

/** The status to show: the VM's printableStatus, Stopped for a VM the controller has not seen yet. */
export function vmStatus(vm: { status?: { printableStatus?: string } }): string {
  return vm.status?.printableStatus ?? 'Stopped';
}
