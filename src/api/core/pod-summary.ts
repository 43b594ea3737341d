// kubectl's READY / STATUS / RESTARTS cells of a pod, computed the way its printer does: the phase,
// overridden by the first failing init container or by a waiting/terminated container's reason.
import type { KubeObject } from '../../machinery/object.ts';
import { arr, dig, rec, str } from './cells.ts';

export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
}

function terminatedText(t: Record<string, unknown>, prefix: string): string {
  const reason = str(t.reason);
  if (reason) return prefix + reason;
  const signal = Number(t.signal ?? 0);
  return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${Number(t.exitCode ?? 0)}`;
}

export function podSummary(pod: KubeObject): PodSummary {
  const totalContainers = arr(dig(pod, 'spec', 'containers')).length;
  const initCount = arr(dig(pod, 'spec', 'initContainers')).length;
  let reason = str(dig(pod, 'status', 'reason')) ?? str(dig(pod, 'status', 'phase')) ?? '';
  let restarts = 0;
  let ready = 0;

  let initializing = false;
  const initStatuses = arr(dig(pod, 'status', 'initContainerStatuses')).map(rec);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += Number(c.restartCount ?? 0);
    const state = rec(c.state);
    const terminated = state.terminated ? rec(state.terminated) : undefined;
    const waiting = state.waiting ? rec(state.waiting) : undefined;
    if (terminated && Number(terminated.exitCode ?? 0) === 0) continue;
    initializing = true;
    if (terminated) reason = terminatedText(terminated, 'Init:');
    else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') reason = `Init:${String(waiting.reason)}`;
    else reason = `Init:${i}/${initCount}`;
    break;
  }

  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = arr(dig(pod, 'status', 'containerStatuses')).map(rec);
    // Walk backwards so the first container's reason wins, as kubectl does.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += Number(c.restartCount ?? 0);
      const state = rec(c.state);
      const waitingReason = str(rec(state.waiting).reason);
      if (waitingReason) reason = waitingReason;
      else if (state.terminated) reason = terminatedText(rec(state.terminated), '');
      else if (c.ready === true && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = arr(dig(pod, 'status', 'conditions')).some((c) => rec(c).type === 'Ready' && rec(c).status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp) reason = dig(pod, 'status', 'reason') === 'NodeLost' ? 'Unknown' : 'Terminating';
  return { ready: `${ready}/${totalContainers}`, status: reason, restarts };
}

/** READINESS GATES: "<none>", or how many of spec.readinessGates have a True condition. */
export function podReadinessGates(pod: KubeObject): string {
  const gates = arr(dig(pod, 'spec', 'readinessGates')).map((g) => rec(g).conditionType);
  if (gates.length === 0) return '<none>';
  const conds = arr(dig(pod, 'status', 'conditions')).map(rec);
  const met = gates.filter((t) => conds.some((c) => c.type === t && c.status === 'True')).length;
  return `${met}/${gates.length}`;
}
