// A VM's live migrations as the console shows them: which VirtualMachineInstanceMigrations are
// still under way (KubeVirt: until Succeeded or Failed), how far one has got, and the one migration
// the details page describes. Pure, so the list, the details and the actions share it.
import type { MigrationState, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';

const FINISHED: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

export const migrationFinished = (m: VirtualMachineInstanceMigration): boolean => FINISHED.has(m.status?.phase ?? '');

/** `namespace/vmiName` → that VMI's migrations, so a list of 1,000 rows looks each up once. */
export function migrationsByVmi(all: readonly VirtualMachineInstanceMigration[]): Map<string, VirtualMachineInstanceMigration[]> {
  const out = new Map<string, VirtualMachineInstanceMigration[]>();
  for (const m of all) {
    const k = `${m.metadata.namespace ?? ''}/${m.spec?.vmiName ?? ''}`;
    out.set(k, [...(out.get(k) ?? []), m]);
  }
  return out;
}

/** The unfinished migration of the VMI, if any (one being deleted is still unfinished: it is aborting). */
export function activeMigration(migrations: readonly VirtualMachineInstanceMigration[]): VirtualMachineInstanceMigration | undefined {
  return migrations.find((m) => !migrationFinished(m));
}

/**
 * How far along, 0–100. By what remains when that is known (QEMU counts zero pages as done without
 * sending them, so the bytes processed can lag far behind), else by what was processed. Held at 99
 * until the migration has succeeded, so 100% always means done.
 */
export function migrationProgress(s: MigrationState | undefined, succeeded: boolean): number {
  if (succeeded) return 100;
  const total = s?.dataTotalBytes;
  if (!total || total <= 0) return 0;
  const done = s.dataRemainingBytes !== undefined ? total - s.dataRemainingBytes : (s.dataProcessedBytes ?? 0);
  return Math.max(0, Math.min(99, Math.floor((done / total) * 100)));
}

/** The percentage to show beside the status: only while the VM is Migrating (the VMI's migration has started and not ended). */
export function statusProgress(status: string, vmi: VirtualMachineInstance | undefined): number | undefined {
  return status === 'Migrating' ? migrationProgress(vmi?.status?.migrationState, false) : undefined;
}

export type MigrationOutcome =
  | { kind: 'succeeded'; downtimeMs?: number }
  | { kind: 'failed' | 'cancelled'; reason?: string };

export interface MigrationView {
  /** The migration object's name; absent when only the VMI still tells of it (it was deleted). */
  name?: string;
  phase: string;
  sourceNode?: string;
  targetNode?: string;
  targetPod?: string;
  progress: number;
  /** Deleted and waiting for the source to abort. */
  cancelling: boolean;
  /** Set once the migration has ended. */
  outcome?: MigrationOutcome;
}

function outcome(phase: string, s: MigrationState, m: VirtualMachineInstanceMigration | undefined): MigrationOutcome | undefined {
  if (phase === 'Succeeded') return { kind: 'succeeded', downtimeMs: s.downtimeMs };
  if (phase !== 'Failed') return undefined;
  const reason = s.failureReason ?? m?.status?.conditions?.find((c) => c.message)?.message;
  return { kind: s.abortStatus === 'Succeeded' ? 'cancelled' : 'failed', reason };
}

function view(m: VirtualMachineInstanceMigration | undefined, s: MigrationState, phase: string): MigrationView {
  return {
    name: m?.metadata.name,
    phase,
    sourceNode: s.sourceNode,
    targetNode: s.targetNode,
    targetPod: s.targetPod,
    progress: migrationProgress(s, phase === 'Succeeded'),
    cancelling: !!m?.metadata.deletionTimestamp || (!!s.abortRequested && !s.completed && !s.failed),
    outcome: outcome(phase, s, m),
  };
}

const newestFirst = (a: VirtualMachineInstanceMigration, b: VirtualMachineInstanceMigration): number =>
  (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (b.metadata.name ?? '').localeCompare(a.metadata.name ?? '');

/**
 * The migration the details page describes: the unfinished one; else the one the VMI last reported
 * when its object is gone (a cancelled migration is deleted, and only the VMI keeps how it ended);
 * else the newest. The VMI's own migrationState is preferred when it belongs to the migration, as
 * the agents write progress there first and the controller mirrors it into the object.
 */
export function migrationView(vmi: VirtualMachineInstance | undefined, migrations: readonly VirtualMachineInstanceMigration[]): MigrationView | undefined {
  const vmiState = vmi?.status?.migrationState;
  const stateOf = (m: VirtualMachineInstanceMigration): MigrationState =>
    (vmiState && vmiState.migrationUid === m.metadata.uid ? vmiState : m.status?.migrationState) ?? {};
  const active = activeMigration(migrations);
  if (active) return view(active, stateOf(active), active.status?.phase ?? 'Pending');
  if (vmiState?.migrationUid && !migrations.some((m) => m.metadata.uid === vmiState.migrationUid)) {
    return view(undefined, vmiState, vmiState.completed ? 'Succeeded' : vmiState.failed ? 'Failed' : 'Running');
  }
  const newest = [...migrations].sort(newestFirst)[0];
  return newest ? view(newest, stateOf(newest), newest.status?.phase ?? 'Pending') : undefined;
}
