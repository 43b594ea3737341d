// The settings one migration runs with: HyperConverged's liveMigrationConfig over KubeVirt's
// defaults. The controller copies them into vmi.status.migrationState.migrationConfiguration, so
// the node agents that run the migration never need to read the HyperConverged themselves.
import { LIVE_MIGRATION_DEFAULTS, type HyperConvergedSpec } from '../../api/hco/hyperconverged.ts';
import { parseQuantity } from '../../api/common/quantity.ts';

export interface MigrationConfig {
  /** Bytes per second; 0 = unlimited. */
  bandwidthPerMigration: number;
  completionTimeoutPerGiB: number;
  progressTimeout: number;
  parallelMigrationsPerCluster: number;
  parallelOutboundMigrationsPerNode: number;
  allowAutoConverge: boolean;
  allowPostCopy: boolean;
  /** Carried for policies; Vireo acts on allowPostCopy only (no pausing to force convergence yet). */
  allowWorkloadDisruption: boolean;
}

export function migrationConfig(spec: HyperConvergedSpec | undefined): MigrationConfig {
  const lm = { ...LIVE_MIGRATION_DEFAULTS, ...(spec?.liveMigrationConfig ?? {}) };
  const bw = lm.bandwidthPerMigration ? parseQuantity(lm.bandwidthPerMigration) : 0;
  return {
    bandwidthPerMigration: Number.isFinite(bw) ? Math.max(0, Math.floor(bw)) : 0,
    completionTimeoutPerGiB: lm.completionTimeoutPerGiB,
    progressTimeout: lm.progressTimeout,
    parallelMigrationsPerCluster: lm.parallelMigrationsPerCluster,
    parallelOutboundMigrationsPerNode: lm.parallelOutboundMigrationsPerNode,
    allowAutoConverge: lm.allowAutoConverge,
    allowPostCopy: lm.allowPostCopy,
    allowWorkloadDisruption: lm.allowWorkloadDisruption ?? false,
  };
}
