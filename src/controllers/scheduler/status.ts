// The VMI status the scheduler writes: bound (phase Scheduled, nodeName, PodScheduled=True) or
// unschedulable (phase Pending, PodScheduled=False/Unschedulable with the reasons). Pure, so the
// controller's writes are easy to check.
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { VirtualMachineInstanceStatus } from '../../api/kubevirt/virtualmachineinstance-schema.ts';
import type { Condition } from '../../machinery/object.ts';

export const POD_SCHEDULED = 'PodScheduled';
export const UNSCHEDULABLE = 'Unschedulable';

export const timestamp = (d = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function withPhase(status: VirtualMachineInstanceStatus, phase: NonNullable<VirtualMachineInstanceStatus['phase']>, now: string): VirtualMachineInstanceStatus {
  if (status.phase === phase) return status;
  return { ...status, phase, phaseTransitionTimestamps: [...(status.phaseTransitionTimestamps ?? []), { phase, phaseTransitionTimestamp: now }] };
}

function withCondition(status: VirtualMachineInstanceStatus, cond: Condition): VirtualMachineInstanceStatus {
  const conditions = status.conditions ?? [];
  const old = conditions.find((c) => c.type === cond.type);
  // lastTransitionTime moves only when the status does, as for every Kubernetes condition.
  const next = old && old.status === cond.status ? { ...cond, lastTransitionTime: old.lastTransitionTime ?? cond.lastTransitionTime } : cond;
  return { ...status, conditions: [...conditions.filter((c) => c.type !== cond.type), next] };
}

export function scheduledCondition(vmi: VirtualMachineInstance): Condition | undefined {
  return vmi.status?.conditions?.find((c) => c.type === POD_SCHEDULED);
}

export function boundStatus(vmi: VirtualMachineInstance, node: string, now = timestamp()): VirtualMachineInstanceStatus {
  const status = withPhase({ ...(vmi.status ?? {}), nodeName: node }, 'Scheduled', now);
  return withCondition(status, { type: POD_SCHEDULED, status: 'True', lastProbeTime: null, lastTransitionTime: now });
}

export function unschedulableStatus(vmi: VirtualMachineInstance, message: string, now = timestamp()): VirtualMachineInstanceStatus {
  const status = vmi.status?.phase ? { ...vmi.status } : withPhase({ ...(vmi.status ?? {}) }, 'Pending', now);
  return withCondition(status, { type: POD_SCHEDULED, status: 'False', reason: UNSCHEDULABLE, message, lastProbeTime: null, lastTransitionTime: now });
}

/** Whether the VMI already says exactly this (so no write and no new event is due). */
export function saysUnschedulable(vmi: VirtualMachineInstance, message: string): boolean {
  const c = scheduledCondition(vmi);
  return !!vmi.status?.phase && c?.status === 'False' && c.reason === UNSCHEDULABLE && c.message === message;
}
