// What the start, stop and restart actions do to a VM, by its run strategy (the seed's §7.1.4
// table, with KubeVirt's refusals). Pure: the API-server handler applies the plan.
//
//   initial strategy | start            | stop             | restart
//   Always           | - (refused)      | Halted           | Always (Stop uid + Start)
//   RerunOnFailure   | - (Start request)| Halted           | RerunOnFailure (Stop uid + Start)
//   Manual           | Manual (Start)   | Manual (Stop)    | Manual (Stop uid + Start)
//   Halted           | Always           | - (refused)      | - (refused)
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { GRACE_PERIOD_ANNOTATION, START_PAUSED_KEY } from './names.ts';
import { effectiveRunStrategy, type StateChangeRequest } from './run-strategy.ts';
import { isFinal, phaseOf } from './vmi-state.ts';

export type VmAction = 'start' | 'stop' | 'restart';

export interface ActionOptions {
  /** stop: grace period for the guest's shutdown (0 = kill now); restart: only 0 is allowed. */
  gracePeriodSeconds?: number;
  /** start: start the guest paused. */
  paused?: boolean;
}

export type ActionPlan =
  | { kind: 'refuse'; code: 400 | 409; message: string }
  /** spec.runStrategy Always/Halted, or spec.running when the VM uses it. */
  | { kind: 'setRunning'; running: boolean; graceVmi?: number }
  | { kind: 'requests'; requests: StateChangeRequest[]; graceVmi?: number };

const conflict = (message: string): ActionPlan => ({ kind: 'refuse', code: 409, message });
const badRequest = (message: string): ActionPlan => ({ kind: 'refuse', code: 400, message });

/** KubeVirt's test for "already running": a VMI that exists, is not finished and has a known phase. */
const runningForStart = (vmi: VirtualMachineInstance | undefined) => !!vmi && !isFinal(vmi) && phaseOf(vmi) !== '' && phaseOf(vmi) !== 'Unknown';
const notRunning = (vmi: VirtualMachineInstance | undefined) => !vmi || isFinal(vmi);

/** The grace period in force on a VMI: the override annotation, else its spec. */
function currentGrace(vmi: VirtualMachineInstance): number | undefined {
  const a = Number(vmi.metadata.annotations?.[GRACE_PERIOD_ANNOTATION] ?? NaN);
  return Number.isInteger(a) ? a : vmi.spec?.terminationGracePeriodSeconds;
}

function start(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, opts: ActionOptions): ActionPlan {
  if (runningForStart(vmi)) return conflict('VM is already running');
  const strategy = effectiveRunStrategy(vm);
  const startReq: StateChangeRequest = opts.paused ? { action: 'Start', data: { [START_PAUSED_KEY]: 'true' } } : { action: 'Start' };
  switch (strategy) {
    case 'Halted':
      // A paused start goes through a request so the controller can create the VMI paused.
      if (opts.paused && vm.spec?.template?.spec?.startStrategy !== 'Paused') return { kind: 'requests', requests: [startReq] };
      return { kind: 'setRunning', running: true };
    case 'RerunOnFailure':
    case 'Manual': {
      const phase = vmi ? phaseOf(vmi) : '';
      if (strategy === 'RerunOnFailure' && phase === 'Failed') return conflict('RerunOnFailure does not support starting VM from failed state');
      // A finished VMI must go before a new one can take its name.
      const restart = !!vmi && (strategy === 'RerunOnFailure' ? phase === 'Succeeded' : isFinal(vmi));
      return { kind: 'requests', requests: restart ? [{ action: 'Stop', uid: vmi!.metadata.uid }, startReq] : [startReq] };
    }
    case 'Always':
    case 'Once':
      return conflict(`${strategy} does not support manual start requests`);
  }
}

function stop(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, opts: ActionOptions): ActionPlan {
  const grace = opts.gracePeriodSeconds;
  if (grace !== undefined && grace < 0) return badRequest('gracePeriod has to be greater or equal to 0');
  const graceVmi = vmi && !isFinal(vmi) && grace !== undefined ? grace : undefined;
  const withGrace = <T extends ActionPlan>(p: T): T => (graceVmi === undefined ? p : { ...p, graceVmi });
  switch (effectiveRunStrategy(vm)) {
    case 'Halted': {
      if (notRunning(vmi)) return conflict('VM is not running');
      // Already stopping: only a shorter grace period (stop --force) changes anything.
      const old = currentGrace(vmi!);
      if (grace === undefined || (old !== undefined && grace >= old)) return conflict('Halted only supports manual stop requests with a shorter graceperiod');
      return withGrace({ kind: 'requests', requests: [{ action: 'Stop', uid: vmi!.metadata.uid }] });
    }
    case 'Manual':
      if (notRunning(vmi)) return conflict('VM is not running');
      return withGrace({ kind: 'requests', requests: [{ action: 'Stop', uid: vmi!.metadata.uid }] });
    case 'Always':
    case 'RerunOnFailure':
    case 'Once':
      // The seed's table: stop leaves the VM Halted (also while it crash-loops without a VMI).
      return withGrace({ kind: 'setRunning', running: false });
  }
}

function restart(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, opts: ActionOptions): ActionPlan {
  const grace = opts.gracePeriodSeconds;
  if (grace !== undefined && grace > 0) return badRequest('For force restart, only gracePeriod=0 is supported for now');
  if (grace !== undefined && grace < 0) return badRequest('gracePeriod has to be greater or equal to 0');
  const strategy = effectiveRunStrategy(vm);
  // KubeVirt's wording, typo included, so scripts matching it keep working.
  if (strategy === 'Halted' || strategy === 'Once') return conflict(`RunStategy ${strategy} does not support manual restart requests`);
  if (!vmi) return conflict('VM is not running: Halted');
  const plan: ActionPlan = { kind: 'requests', requests: [{ action: 'Stop', uid: vmi.metadata.uid }, { action: 'Start' }] };
  return grace === 0 && !isFinal(vmi) ? { ...plan, graceVmi: 0 } : plan;
}

export function planAction(action: VmAction, vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, opts: ActionOptions = {}): ActionPlan {
  if (action === 'start') return start(vm, vmi, opts);
  if (action === 'stop') return stop(vm, vmi, opts);
  return restart(vm, vmi, opts);
}

/**
 * Adds requests to the VM's queue as KubeVirt does: into an empty queue; a lone Stop replaces
 * whatever is queued; anything else while requests are pending is refused.
 */
export function mergeRequests(existing: StateChangeRequest[] | undefined, add: StateChangeRequest[]): StateChangeRequest[] | { refuse: string } {
  if (!existing || existing.length === 0) return add;
  if (add.length === 1 && add[0].action === 'Stop') return add;
  return { refuse: 'unable to complete request: stop/start already underway' };
}
