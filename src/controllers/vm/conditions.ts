// The VM's conditions: Ready mirrored from the VMI (False with a reason when there is none), the
// VMI's other conditions (Paused, AgentConnected, …) copied as KubeVirt does, Failure, and
// RestartRequired. Timestamps move only when a condition's status changes, so an unchanged VM
// produces an unchanged status and no write.
import type { Condition } from '../../machinery/object.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { TEMPLATE_HASH_ANNOTATION } from './names.ts';
import { templateHash } from './vmi-from-vm.ts';
import { conditionOf, phaseOf } from './vmi-state.ts';

/** Conditions the VM controller owns; every other VM condition is a copy of the VMI's. */
const OWN = new Set(['Ready', 'Failure', 'RestartRequired']);
/** Failure reasons that come from the controller's own failed writes (kept while it retries). */
export const SYNC_ERROR_REASONS = new Set(['FailedCreate', 'FailedDelete', 'FailedUpdate']);

export interface SyncError {
  reason: string;
  message: string;
}

/** `want` with the previous condition's transition time when its status did not change. */
function settle(prev: Condition | undefined, want: Condition, nowTs: string): Condition {
  if (prev && prev.status === want.status && prev.reason === want.reason && prev.message === want.message) return prev;
  const lastTransitionTime = want.lastTransitionTime ?? (prev && prev.status === want.status ? prev.lastTransitionTime : nowTs);
  return { ...want, lastTransitionTime };
}

function readyCondition(vmi: VirtualMachineInstance | undefined): Condition {
  if (!vmi) return { type: 'Ready', status: 'False', reason: 'VMINotExists', message: 'VMI does not exist' };
  const c = conditionOf(vmi, 'Ready');
  if (!c) return { type: 'Ready', status: 'False', reason: 'VMIConditionMissing', message: 'VMI is missing the Ready condition' };
  return strip({ type: 'Ready', status: c.status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime ?? undefined });
}

/** Why the VMI failed: its status.reason and the message of the condition that says so. */
function failureCondition(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, syncError: SyncError | undefined, retrying: boolean): Condition | undefined {
  if (syncError) return { type: 'Failure', status: 'True', reason: syncError.reason, message: syncError.message };
  const prev = vm.status?.conditions?.find((c) => c.type === 'Failure');
  if (vmi && phaseOf(vmi) === 'Failed') {
    const explaining = vmi.status?.conditions?.find((c) => c.status === 'False' && c.message) ?? vmi.status?.conditions?.find((c) => c.message);
    return strip({
      type: 'Failure',
      status: 'True',
      reason: vmi.status?.reason || 'VMIFailed',
      message: explaining?.message ?? `The virtual machine instance ${vmi.metadata.name} failed`,
    });
  }
  // A failed write is kept while the same step is retried, so the condition does not flap.
  if (prev && retrying && SYNC_ERROR_REASONS.has(prev.reason ?? '')) return prev;
  // While the failed VMI is gone and the back-off runs, the reason it failed stays visible.
  if (prev && !vmi && (vm.status?.startFailure?.consecutiveFailCount ?? 0) > 0 && !SYNC_ERROR_REASONS.has(prev.reason ?? '')) return prev;
  return undefined;
}

function restartRequired(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): Condition | undefined {
  const created = vmi?.metadata.annotations?.[TEMPLATE_HASH_ANNOTATION];
  if (!vmi || !created || created === templateHash(vm)) return undefined;
  return { type: 'RestartRequired', status: 'True', message: 'a non-live-updatable field was changed in the template spec' };
}

function strip(c: Condition): Condition {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== null)) as Condition;
}

export function vmConditions(
  vm: VirtualMachine,
  vmi: VirtualMachineInstance | undefined,
  opts: { now: number; syncError?: SyncError; retrying?: boolean },
): Condition[] {
  const nowTs = new Date(opts.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const prev = (type: string) => vm.status?.conditions?.find((c) => c.type === type);
  const out: Condition[] = [settle(prev('Ready'), readyCondition(vmi), nowTs)];
  for (const c of vmi?.status?.conditions ?? []) {
    if (OWN.has(c.type)) continue;
    // Probe and heartbeat times would rewrite the VM on every node heartbeat; transitions are enough.
    out.push(strip({ ...c, lastProbeTime: undefined, lastHeartbeatTime: undefined }));
  }
  for (const c of [failureCondition(vm, vmi, opts.syncError, !!opts.retrying), restartRequired(vm, vmi)]) {
    if (c) out.push(settle(prev(c.type), c, nowTs));
  }
  return out;
}
