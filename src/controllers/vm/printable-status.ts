// status.printableStatus, computed as KubeVirt's setPrintableStatus does: the states are not
// mutually exclusive (a VM can be Paused and Terminating), so the first that holds, in this order,
// wins.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { RESTARTING_STRATEGIES, effectiveRunStrategy } from './run-strategy.ts';
import { conditionOf, isDeleting, isFinal, isMigrating, isPaused, isRunning, isStarting } from './vmi-state.ts';

export type PrintableStatus =
  | 'Stopped'
  | 'Provisioning'
  | 'WaitingForVolumeBinding'
  | 'DataVolumeError'
  | 'Starting'
  | 'Running'
  | 'Paused'
  | 'Stopping'
  | 'Terminating'
  | 'CrashLoopBackOff'
  | 'Migrating'
  | 'ErrorUnschedulable'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'Unknown';

export interface PrintableContext {
  /** This pass is about to create a VMI (KubeVirt: a creation is expected). */
  startExpected: boolean;
  /** This pass is about to delete the VMI (KubeVirt: a deletion is expected). */
  stopExpected: boolean;
  /** Hook for the DataVolume issue: a volume of the VM is still being provisioned. */
  provisioning: boolean;
  /** While provisioning: Provisioning (default), WaitingForVolumeBinding (a claim is unbound) or DataVolumeError. */
  provisioningStatus?: 'Provisioning' | 'WaitingForVolumeBinding' | 'DataVolumeError';
}

/** The node agent reports image pulls as status.reason, or (as KubeVirt) a Synchronized=False reason. */
function imagePullReason(vmi: VirtualMachineInstance): string | undefined {
  const sync = conditionOf(vmi, 'Synchronized');
  if (sync?.status === 'False' && (sync.reason === 'ErrImagePull' || sync.reason === 'ImagePullBackOff')) return sync.reason;
  const r = vmi.status?.reason;
  return r === 'ErrImagePull' || r === 'ImagePullBackOff' ? r : undefined;
}

function unschedulable(vmi: VirtualMachineInstance): boolean {
  const c = conditionOf(vmi, 'PodScheduled');
  return c?.status === 'False' && c.reason === 'Unschedulable';
}

function crashLooping(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, ctx: PrintableContext): boolean {
  if ((vmi && !isFinal(vmi)) || ctx.startExpected) return false;
  return (vm.status?.startFailure?.consecutiveFailCount ?? 0) > 0 && RESTARTING_STRATEGIES.includes(effectiveRunStrategy(vm));
}

export function printableStatus(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, ctx: PrintableContext): PrintableStatus {
  if (vm.metadata.deletionTimestamp) return 'Terminating';
  if (vmi && !isFinal(vmi) && (isDeleting(vmi) || ctx.stopExpected)) return 'Stopping';
  if (vmi && isMigrating(vmi)) return 'Migrating';
  if (vmi && isRunning(vmi)) return isPaused(vmi) ? 'Paused' : 'Running';
  if (vmi && unschedulable(vmi)) return 'ErrorUnschedulable';
  if (ctx.provisioning) return ctx.provisioningStatus ?? 'Provisioning';
  const pull = vmi && imagePullReason(vmi);
  if (pull) return pull as PrintableStatus;
  if (vmi ? isStarting(vmi) : ctx.startExpected) return 'Starting';
  if (crashLooping(vm, vmi, ctx)) return 'CrashLoopBackOff';
  if (vmi ? isFinal(vmi) : !ctx.startExpected) return 'Stopped';
  return 'Unknown';
}
