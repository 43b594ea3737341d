// Whether a VM may be asked to migrate now, as KubeVirt's migrate subresource and its migration
// admission judge it: the VMI must be Running, live-migratable, and not already migrating. Pure, so
// the API server and its tests share it.
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { unfinishedMigrations } from '../api/kubevirt/migration-phase.ts';

/** KubeVirt's wording when the VM has no running VMI. */
export const VM_NOT_RUNNING = 'VM is not running';

/** Why the migration is refused, or undefined when it may be created. */
export function migrateRefusal(vmi: VirtualMachineInstance | undefined, migrations: readonly VirtualMachineInstanceMigration[]): string | undefined {
  if (!vmi || vmi.status?.phase !== 'Running' || vmi.metadata.deletionTimestamp) return VM_NOT_RUNNING;
  const cond = vmi.status.conditions?.find((c) => c.type === 'LiveMigratable');
  if (cond?.status === 'False') return cond.message || cond.reason || 'the VMI is not live-migratable';
  const active = unfinishedMigrations(migrations, vmi.metadata.name!);
  if (active.length > 0) {
    const m = active[0]!;
    return `in-flight migration detected: migration ${m.metadata.name} (phase ${m.status?.phase ?? 'Pending'}) of VMI ${vmi.metadata.name} has not finished`;
  }
  return undefined;
}
