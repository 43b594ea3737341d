import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationConfig } from './config.ts';

test('KubeVirt defaults when the HyperConverged says nothing; unlimited bandwidth', () => {
  assert.deepEqual(migrationConfig(undefined), {
    bandwidthPerMigration: 0,
    completionTimeoutPerGiB: 150,
    progressTimeout: 150,
    parallelMigrationsPerCluster: 5,
    parallelOutboundMigrationsPerNode: 2,
    allowAutoConverge: false,
    allowPostCopy: false,
    allowWorkloadDisruption: false,
  });
});

test('liveMigrationConfig overrides, bandwidth as a quantity per second', () => {
  const c = migrationConfig({ liveMigrationConfig: { bandwidthPerMigration: '64Mi', parallelMigrationsPerCluster: 1, allowAutoConverge: true } });
  assert.equal(c.bandwidthPerMigration, 64 * 2 ** 20);
  assert.equal(c.parallelMigrationsPerCluster, 1);
  assert.equal(c.allowAutoConverge, true);
  assert.equal(c.progressTimeout, 150);
});
