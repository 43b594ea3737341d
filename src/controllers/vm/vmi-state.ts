// Read-only questions about a VirtualMachineInstance, named as KubeVirt names them (IsFinal,
// IsRunning, …), so the controller's rules read like KubeVirt's.
import type { Condition } from '../../machinery/object.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';

export const phaseOf = (vmi: VirtualMachineInstance): string => vmi.status?.phase ?? '';

/** Succeeded or Failed: the guest is gone for good and the VMI will never run again. */
export const isFinal = (vmi: VirtualMachineInstance): boolean => phaseOf(vmi) === 'Succeeded' || phaseOf(vmi) === 'Failed';

export const isRunning = (vmi: VirtualMachineInstance): boolean => phaseOf(vmi) === 'Running';

/** Not yet placed or not yet booted: unset, Pending, Scheduling or Scheduled. */
export const isStarting = (vmi: VirtualMachineInstance): boolean => ['', 'Pending', 'Scheduling', 'Scheduled'].includes(phaseOf(vmi));

export const isDeleting = (vmi: VirtualMachineInstance): boolean => !!vmi.metadata.deletionTimestamp;

export function conditionOf(vmi: VirtualMachineInstance | undefined, type: string): Condition | undefined {
  return vmi?.status?.conditions?.find((c) => c.type === type);
}

export const hasConditionStatus = (vmi: VirtualMachineInstance | undefined, type: string, status: string): boolean =>
  conditionOf(vmi, type)?.status === status;

export const isPaused = (vmi: VirtualMachineInstance): boolean => hasConditionStatus(vmi, 'Paused', 'True');

export const isReady = (vmi: VirtualMachineInstance | undefined): boolean => hasConditionStatus(vmi, 'Ready', 'True');

/** A live migration has begun and not ended (KubeVirt's migrations.IsMigrating). Hook for the migration issue. */
export function isMigrating(vmi: VirtualMachineInstance): boolean {
  const m = vmi.status?.migrationState;
  return !!m && !!m.startTimestamp && !m.endTimestamp && !m.completed && !m.failed;
}

/** When the VMI entered `phase`, from status.phaseTransitionTimestamps (ms since epoch). */
export function phaseEnteredAt(vmi: VirtualMachineInstance, phase: string): number | undefined {
  const ts = vmi.status?.phaseTransitionTimestamps?.find((p) => p.phase === phase)?.phaseTransitionTimestamp;
  const ms = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}
