import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, yamlObject } from '../core/testing.ts';
import { migrationPolicyKind, type MigrationPolicy } from './migrationpolicy.ts';

// KubeVirt's documented example, with every overridable setting.
const POLICY = `
apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: my-awesome-policy
spec:
  allowAutoConverge: true
  bandwidthPerMigration: 217Ki
  completionTimeoutPerGiB: 23
  allowPostCopy: false
  allowWorkloadDisruption: false
  selectors:
    namespaceSelector:
      hpc-workloads: "true"
      xyz-workloads-type: ""
    virtualMachineInstanceSelector:
      workload-type: db
      operating-system: ""
`;

test('MigrationPolicy is cluster-scoped migrations.kubevirt.io/v1alpha1 migrationpolicies', () => {
  const k = migrationPolicyKind;
  assert.deepEqual([k.group, k.version, k.kind, k.plural, k.singular, k.namespaced, k.hasStatus], ['migrations.kubevirt.io', 'v1alpha1', 'MigrationPolicy', 'migrationpolicies', 'migrationpolicy', false, true]);
});

test("KubeVirt's example policy is valid", async () => {
  const p = yamlObject<MigrationPolicy>(POLICY);
  assert.deepEqual(schemaErrors(migrationPolicyKind.schema, p), []);
  assert.deepEqual(await admit(migrationPolicyKind, p), []);
});

test('an unknown field or a selector value that is not a string fails the schema', () => {
  const p = yamlObject<MigrationPolicy>(POLICY);
  assert.notDeepEqual(schemaErrors(migrationPolicyKind.schema, { ...p, spec: { ...p.spec, maxDowntime: 3 } }), []);
  assert.notDeepEqual(schemaErrors(migrationPolicyKind.schema, { ...p, spec: { selectors: { virtualMachineInstanceSelector: { a: 1 } } } }), []);
});

test('a bad or negative bandwidth and a timeout below 1 are named by field', async () => {
  const p = yamlObject<MigrationPolicy>(POLICY);
  p.spec = { ...p.spec, bandwidthPerMigration: 'fast', completionTimeoutPerGiB: -5 };
  assert.deepEqual(brief(await admit(migrationPolicyKind, p)), [
    { field: 'spec.bandwidthPerMigration', message: 'Invalid value: "fast": must be a non-negative quantity such as 64Mi' },
    { field: 'spec.completionTimeoutPerGiB', message: 'Invalid value: -5: must be at least 1 (seconds per GiB of guest memory)' },
  ]);
  p.spec = { bandwidthPerMigration: '-1Mi', completionTimeoutPerGiB: 0 };
  assert.deepEqual(brief(await admit(migrationPolicyKind, p)).map((e) => e.field), ['spec.bandwidthPerMigration', 'spec.completionTimeoutPerGiB']);
  p.spec = { bandwidthPerMigration: 0 };
  assert.deepEqual(await admit(migrationPolicyKind, p), [], '0 is unlimited');
});
