// The one factory of VM actions, for the details header and any other place that offers them. The
// enable rules are the seed lab's: Start is greyed while the VM runs; Stop, Restart and Pause are
// greyed while it is stopped; Unpause only when it is paused.
import { paths } from '../api/resources.ts';
import type { MessageKey } from '../i18n.ts';

export type VmActionId = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

export interface VmAction {
  id: VmActionId;
  label: MessageKey;
  enabled: boolean;
  /** The subresource the action PUTs to. */
  path: string;
}

const STOPPED = new Set(['Stopped', 'Stopping', 'Terminating']);
const NO_RESTART = new Set(['Stopped', 'Stopping', 'Terminating', 'Provisioning', 'WaitingForVolumeBinding']);

export function actionEnabled(id: VmActionId, status: string): boolean {
  switch (id) {
    case 'start':
      return status === 'Stopped';
    case 'stop':
      return !STOPPED.has(status);
    case 'restart':
      return !NO_RESTART.has(status);
    case 'pause':
      return status === 'Running';
    case 'unpause':
      return status === 'Paused';
  }
}

const ORDER: VmActionId[] = ['start', 'stop', 'restart', 'pause', 'unpause'];

export function vmActions(ns: string, name: string, status: string): VmAction[] {
  return ORDER.map((id) => ({
    id,
    label: `action.${id}` as MessageKey,
    enabled: actionEnabled(id, status),
    path: id === 'pause' || id === 'unpause' ? paths.vmiAction(ns, name, id) : paths.vmAction(ns, name, id),
  }));
}
