// Which VirtualMachineInstanceMigrations are still under way: KubeVirt counts a migration as
// finished once its phase is Succeeded or Failed. One being deleted (cancelled) is still under way
// until then: its source may be aborting.
import type { VirtualMachineInstanceMigration } from './types.ts';

const FINISHED: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

export function migrationFinished(m: VirtualMachineInstanceMigration): boolean {
  return FINISHED.has(m.status?.phase ?? '');
}

/** The migrations of VMI `vmiName` (among one namespace's) that have not finished. */
export function unfinishedMigrations(migrations: readonly VirtualMachineInstanceMigration[], vmiName: string): VirtualMachineInstanceMigration[] {
  return migrations.filter((m) => m.spec?.vmiName === vmiName && !migrationFinished(m));
}
