// What `vireo node drain` does with one VMI on the node, as KubeVirt's eviction strategies say:
// LiveMigrate moves it (or refuses when it cannot move), LiveMigrateIfPossible moves it or else
// stops it, None stops it, External leaves it to whoever set that. Pure: the drain loop re-plans
// every VMI on each pass and acts on the step, so a change in between is simply seen next time.
import type { HyperConverged } from '../api/hco/hyperconverged.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { EVICTION_STRATEGIES } from '../api/kubevirt/enums.ts';
import { unfinishedMigrations } from '../api/kubevirt/migration-phase.ts';
import { failureReason } from './migration-progress.ts';

export type EvictionStrategy = (typeof EVICTION_STRATEGIES)[number];

/** KubeVirt's cluster default as OpenShift Virtualization (HyperConverged) sets it. */
export const DEFAULT_EVICTION_STRATEGY: EvictionStrategy = 'LiveMigrate';
/** A drain gives up on moving a VMI after this many failed migrations of its own. */
export const MAX_MIGRATION_ATTEMPTS = 3;

export type DrainStep =
  | { kind: 'migrate' }
  | { kind: 'await-migration'; migration: string }
  | { kind: 'stop-vm'; vm: string }
  | { kind: 'delete-vmi' }
  | { kind: 'await-deletion' }
  | { kind: 'refuse'; reason: string }
  | { kind: 'leave'; reason: string };

export interface DrainContext {
  hco?: HyperConverged;
  /** Migrations in the VMI's namespace. */
  migrations: readonly VirtualMachineInstanceMigration[];
  /** Migrations this drain created for the VMI, oldest first. */
  attempts?: readonly VirtualMachineInstanceMigration[];
}

const isStrategy = (s: string | undefined): s is EvictionStrategy => (EVICTION_STRATEGIES as readonly string[]).includes(s ?? '');

/** The VMI's own strategy, else the cluster's (HyperConverged), else KubeVirt's default; and where it came from. */
export function evictionStrategyOf(vmi: VirtualMachineInstance, hco?: HyperConverged): { strategy: EvictionStrategy; from: string } {
  const own = vmi.spec?.evictionStrategy;
  if (isStrategy(own)) return { strategy: own, from: 'VMI' };
  const cluster = hco?.spec?.evictionStrategy;
  if (isStrategy(cluster)) return { strategy: cluster, from: 'HyperConverged' };
  return { strategy: DEFAULT_EVICTION_STRATEGY, from: 'default' };
}

/** The VirtualMachine that controls the VMI, if any. */
export function ownerVm(vmi: VirtualMachineInstance): string | undefined {
  return vmi.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachine' && o.controller)?.name;
}

/** Why the VMI cannot live-migrate (its LiveMigratable=False condition), or undefined. */
export function notMigratable(vmi: VirtualMachineInstance): string | undefined {
  const c = vmi.status?.conditions?.find((x) => x.type === 'LiveMigratable');
  return c?.status === 'False' ? c.message || c.reason || 'not live-migratable' : undefined;
}

export function planDrainStep(vmi: VirtualMachineInstance, ctx: DrainContext): DrainStep {
  if (vmi.metadata.deletionTimestamp) return { kind: 'await-deletion' };
  const { strategy } = evictionStrategyOf(vmi, ctx.hco);
  if (strategy === 'External') return { kind: 'leave', reason: 'evictionStrategy External: left for its external controller' };
  const active = unfinishedMigrations(ctx.migrations, vmi.metadata.name!);
  if (active.length > 0) return { kind: 'await-migration', migration: active[0]!.metadata.name! };
  const vm = ownerVm(vmi);
  const stop: DrainStep = vm ? { kind: 'stop-vm', vm } : { kind: 'delete-vmi' };
  // Not (or no longer) running: nothing to move; removed, its VM starts it elsewhere if it says so.
  if (vmi.status?.phase !== 'Running') return { kind: 'delete-vmi' };
  if (strategy === 'None') return stop;
  const attempts = ctx.attempts ?? [];
  const last = attempts[attempts.length - 1];
  // Succeeded, and the VMI's status has not caught up with its new node yet: not a reason to move it again.
  if (last?.status?.phase === 'Succeeded') return { kind: 'await-migration', migration: last.metadata.name! };
  const failed = attempts.filter((m) => m.status?.phase === 'Failed');
  if (failed.length >= MAX_MIGRATION_ATTEMPTS) {
    return { kind: 'refuse', reason: `${failed.length} migrations failed, the last: ${failureReason(failed[failed.length - 1]!)}` };
  }
  const why = notMigratable(vmi);
  if (!why) return { kind: 'migrate' };
  return strategy === 'LiveMigrateIfPossible' ? stop : { kind: 'refuse', reason: `evictionStrategy LiveMigrate, but it cannot migrate: ${why}` };
}
