import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationPolicy, MigrationPolicySpec } from '../../api/migrations/index.ts';
import { migrationConfig } from './config.ts';
import { applyPolicy, matchPolicy } from './policy.ts';

const policy = (name: string, spec: MigrationPolicySpec): MigrationPolicy => ({ apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name }, spec });
const sel = (vmi?: Record<string, string>, ns?: Record<string, string>): MigrationPolicySpec => ({
  selectors: { ...(vmi ? { virtualMachineInstanceSelector: vmi } : {}), ...(ns ? { namespaceSelector: ns } : {}) },
});
const names = (p: MigrationPolicy | undefined) => p?.metadata.name;

test('a policy matches only when all its VMI and namespace labels match', () => {
  const p = [policy('db', sel({ app: 'db', tier: 'gold' }, { team: 'a' }))];
  assert.equal(names(matchPolicy(p, { app: 'db', tier: 'gold', x: '1' }, { team: 'a' })), 'db');
  assert.equal(matchPolicy(p, { app: 'db' }, { team: 'a' }), undefined, 'one VMI label missing');
  assert.equal(matchPolicy(p, { app: 'db', tier: 'silver' }, { team: 'a' }), undefined, 'a value differs');
  assert.equal(matchPolicy(p, { app: 'db', tier: 'gold' }, { team: 'b' }), undefined, 'the namespace label differs');
  assert.equal(matchPolicy(p, undefined, undefined), undefined, 'no labels at all');
});

test('no selectors match nothing; empty selectors match every VMI', () => {
  assert.equal(matchPolicy([policy('none', {})], { a: 'b' }, {}), undefined);
  assert.equal(names(matchPolicy([policy('all', { selectors: {} })], undefined, undefined)), 'all');
});

test('the most matching labels win, then the most VMI labels, then the lexically first name', () => {
  const p = [
    policy('zz-two', sel({ app: 'db', tier: 'gold' })),
    policy('aa-one', sel({ app: 'db' })),
    policy('ns-only', sel(undefined, { team: 'a' })),
  ];
  assert.equal(names(matchPolicy(p, { app: 'db', tier: 'gold' }, { team: 'a' })), 'zz-two');
  // One label each: the VMI label beats the namespace label.
  assert.equal(names(matchPolicy(p, { app: 'db' }, { team: 'a' })), 'aa-one');
  // Same score: lexical order, whatever the list order.
  const tie = [policy('b', sel({ app: 'db' })), policy('a', sel(undefined, { app: 'db' })), policy('c', sel({ app: 'db' })), policy('B', sel({ app: 'db' }))];
  assert.equal(names(matchPolicy(tie, { app: 'db' }, { app: 'db' })), 'B');
  assert.equal(names(matchPolicy(tie.reverse(), { app: 'db' }, { app: 'db' })), 'B');
  // One label in all, one namespace label and one VMI label in a second policy: two beats one.
  assert.equal(names(matchPolicy([policy('vmi', sel({ app: 'db' })), policy('both', sel({ app: 'db' }, { team: 'a' }))], { app: 'db' }, { team: 'a' })), 'both');
});

test('the policy overrides only the fields it sets', () => {
  const cluster = migrationConfig({ liveMigrationConfig: { bandwidthPerMigration: '64Mi', completionTimeoutPerGiB: 800, allowAutoConverge: true } });
  assert.deepEqual(applyPolicy(cluster, undefined), cluster);
  const out = applyPolicy(cluster, policy('p', { ...sel({ a: 'b' }), bandwidthPerMigration: '8Mi', allowPostCopy: true, allowWorkloadDisruption: true }));
  assert.deepEqual(out, { ...cluster, bandwidthPerMigration: 8 * 2 ** 20, allowPostCopy: true, allowWorkloadDisruption: true });
  const off = applyPolicy(cluster, policy('p', { allowAutoConverge: false, completionTimeoutPerGiB: 20, bandwidthPerMigration: 0 }));
  assert.deepEqual([off.allowAutoConverge, off.completionTimeoutPerGiB, off.bandwidthPerMigration], [false, 20, 0]);
  assert.equal(cluster.bandwidthPerMigration, 64 * 2 ** 20, 'the cluster configuration is not changed');
});
