// The one factory of VM actions, for the details header, its Actions menu and the list's kebab. The
// power rules are the seed lab's: Start is greyed while the VM runs; Stop, Restart and Pause are
// greyed while it is stopped; Unpause only when it is paused. Migrate follows the API's migrate
// subresource (a Running VMI whose LiveMigratable condition is not False, not already migrating),
// so the menu never offers what the server would refuse; Cancel migration deletes the unfinished
// migration. Take snapshot (the details page only: it opens that page's dialog) is greyed while the
// VM is being deleted or restored. Clone (snapshot + restore into a new VM), Edit labels/annotations, Copy SSH command (a running VMI whose
// node forwards port 22) and Delete come last; with Migrate they open dialogs (method DIALOG).
import { paths } from '../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import type { MessageKey } from '../i18n.ts';
import { activeMigration } from './migration.ts';
import { sshTarget } from './ssh-command.ts';
import { takeSnapshotBlocker } from './snapshots.ts';

export type VmActionId = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'migrate' | 'cancelMigration' | 'takeSnapshot' | 'clone' | 'editLabels' | 'editAnnotations' | 'copySsh' | 'delete';

/** Why an action is greyed, to show as its tooltip: a message key, with the API's own text in `message`. */
export interface DisabledReason {
  key: MessageKey;
  vars?: Record<string, string>;
}

export interface VmAction {
  id: VmActionId;
  label: MessageKey;
  /** Power actions are also header shortcuts; migration ones live in the menus only. */
  group: 'power' | 'migration' | 'snapshot' | 'other' | 'delete';
  enabled: boolean;
  disabledReason?: DisabledReason;
  /** DIALOG: the page opens its dialog, which creates an object in `path`. */
  method: 'PUT' | 'DELETE' | 'DIALOG';
  /** The subresource the action PUTs to, or the object it DELETEs ('' while there is none). */
  path: string;
}

/** What the rules look at: the VM's printableStatus, its VMI, and the VMI's migrations. */
export interface VmActionInput {
  namespace: string;
  name: string;
  status: string;
  vmi?: VirtualMachineInstance;
  migrations?: readonly VirtualMachineInstanceMigration[];
  /** The VM itself: given (the details page, which has the dialog), Take snapshot comes last. */
  vm?: VirtualMachine;
}

const STOPPED = new Set(['Stopped', 'Stopping', 'Terminating']);
const NO_RESTART = new Set(['Stopped', 'Stopping', 'Terminating', 'Provisioning', 'WaitingForVolumeBinding']);
type PowerId = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

export function actionEnabled(id: PowerId, status: string): boolean {
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

/** Why Migrate is greyed, or undefined when the server would accept it. */
export function migrateBlocker(vmi: VirtualMachineInstance | undefined, migrations: readonly VirtualMachineInstanceMigration[] = []): DisabledReason | undefined {
  if (!vmi || vmi.status?.phase !== 'Running' || vmi.metadata.deletionTimestamp) return { key: 'migrate.notRunning' };
  const cond = vmi.status.conditions?.find((c) => c.type === 'LiveMigratable');
  if (cond?.status === 'False') return { key: 'migrate.notMigratable', vars: { message: cond.message || cond.reason || '' } };
  if (activeMigration(migrations)) return { key: 'migrate.inProgress' };
  return undefined;
}

/** The migration Cancel would delete: unfinished and not already being deleted. */
export function cancellableMigration(migrations: readonly VirtualMachineInstanceMigration[] = []): VirtualMachineInstanceMigration | undefined {
  const m = activeMigration(migrations);
  return m && !m.metadata.deletionTimestamp ? m : undefined;
}

function power(id: PowerId, ns: string, name: string, status: string): VmAction {
  const vmi = id === 'pause' || id === 'unpause';
  return {
    id,
    label: `action.${id}`,
    group: 'power',
    enabled: actionEnabled(id, status),
    method: 'PUT',
    path: vmi ? paths.vmiAction(ns, name, id) : paths.vmAction(ns, name, id),
  };
}

const POWER: PowerId[] = ['start', 'stop', 'restart', 'pause', 'unpause'];

export function vmActions({ namespace: ns, name, status, vmi, migrations = [], vm }: VmActionInput): VmAction[] {
  const blocker = migrateBlocker(vmi, migrations);
  const cancel = cancellableMigration(migrations);
  const cancelBlocker: DisabledReason | undefined = cancel ? undefined : { key: activeMigration(migrations) ? 'migrate.cancelling' : 'migrate.noneInProgress' };
  return [
    ...POWER.map((id) => power(id, ns, name, status)),
    { id: 'migrate', label: 'action.migrate', group: 'migration', enabled: !blocker, disabledReason: blocker, method: 'DIALOG', path: paths.vmAction(ns, name, 'migrate') },
    {
      id: 'cancelMigration',
      label: 'action.cancelMigration',
      group: 'migration',
      enabled: !!cancel,
      disabledReason: cancelBlocker,
      method: 'DELETE',
      path: cancel ? paths.vmim(ns, cancel.metadata.name) : '',
    },
    ...(vm ? [takeSnapshot(ns, vm), ...dialogs(ns, vm, vmi)] : []),
  ];
}

function takeSnapshot(ns: string, vm: VirtualMachine): VmAction {
  const blocker = takeSnapshotBlocker(vm);
  return { id: 'takeSnapshot', label: 'action.takeSnapshot', group: 'snapshot', enabled: !blocker, disabledReason: blocker, method: 'DIALOG', path: paths.vmsnapshots(ns) };
}

function dialogs(ns: string, vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): VmAction[] {
  const name = vm.metadata.name;
  const ssh = sshTarget(vmi);
  const deleting: DisabledReason | undefined = vm.metadata.deletionTimestamp ? { key: 'delete.deleting' } : undefined;
  return [
    { id: 'clone', label: 'action.clone', group: 'other', enabled: !deleting, disabledReason: deleting, method: 'DIALOG', path: paths.vmsnapshots(ns) },
    { id: 'editLabels', label: 'action.editLabels', group: 'other', enabled: true, method: 'DIALOG', path: paths.vm(ns, name) },
    { id: 'editAnnotations', label: 'action.editAnnotations', group: 'other', enabled: true, method: 'DIALOG', path: paths.vm(ns, name) },
    { id: 'copySsh', label: 'action.copySsh', group: 'other', enabled: !('problem' in ssh), disabledReason: 'problem' in ssh ? { key: ssh.problem } : undefined, method: 'DIALOG', path: '' },
    { id: 'delete', label: 'action.delete', group: 'delete', enabled: !deleting, disabledReason: deleting, method: 'DIALOG', path: paths.vm(ns, name) },
  ];
}
