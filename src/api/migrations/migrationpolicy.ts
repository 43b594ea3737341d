// migrations.kubevirt.io/v1alpha1 MigrationPolicy (cluster-scoped): live-migration settings for the
// VMIs whose labels, and whose namespace's labels, match its selectors. Its set fields override
// HyperConverged's liveMigrationConfig; which policy applies is decided in
// src/controllers/migration/policy.ts.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, QuantitySchema, type KubeObject } from '../../machinery/object.ts';
import { invalid } from '../common/field-error.ts';
import { tryParseQuantity } from '../common/quantity.ts';

export const MIGRATIONS_GROUP = 'migrations.kubevirt.io';
export const MIGRATION_POLICY_API_VERSION = `${MIGRATIONS_GROUP}/v1alpha1`;

const Labels = (what: string) => Type.Record(Type.String(), Type.String(), { description: `Labels the ${what} must all carry (key: value).` });

const SelectorsSchema = Type.Object(
  {
    namespaceSelector: Type.Optional(Labels("VMI's namespace")),
    virtualMachineInstanceSelector: Type.Optional(Labels('VMI')),
  },
  { additionalProperties: false, description: 'Which VMIs the policy applies to; every listed label must match.' },
);

const MigrationPolicySpecSchema = Type.Object(
  {
    selectors: Type.Optional(SelectorsSchema),
    allowAutoConverge: Type.Optional(Type.Boolean({ description: 'Throttle the guest CPU so that the migration converges.' })),
    // Bytes per second, a quantity such as 64Mi; 0 is unlimited.
    bandwidthPerMigration: Type.Optional(QuantitySchema),
    completionTimeoutPerGiB: Type.Optional(Type.Integer({ description: 'Seconds per GiB of guest memory before the migration is cancelled (or switched to post-copy).' })),
    allowPostCopy: Type.Optional(Type.Boolean({ description: 'Switch to post-copy when pre-copy does not converge. A failure in post-copy fails the VMI.' })),
    allowWorkloadDisruption: Type.Optional(Type.Boolean({ description: 'The migration may disrupt the workload (post-copy or pausing) instead of being cancelled.' })),
  },
  { additionalProperties: false, description: 'The settings that override the cluster-wide liveMigrationConfig, and whom they apply to.' },
);
export type MigrationPolicySpec = Static<typeof MigrationPolicySpecSchema>;

export const MigrationPolicySchema = objectSchema({
  spec: MigrationPolicySpecSchema,
  // KubeVirt's MigrationPolicyStatus has no fields yet.
  status: FreeFormSchema,
  description: 'MigrationPolicy holds live-migration settings for the VMIs it selects by labels.',
});

export type MigrationPolicy = KubeObject & { spec?: MigrationPolicySpec };

export function validateMigrationPolicy(p: MigrationPolicy): FieldError[] {
  const errs: FieldError[] = [];
  const bw = p.spec?.bandwidthPerMigration;
  const bytes = tryParseQuantity(bw);
  if (bw !== undefined && (bytes === undefined || bytes < 0)) {
    errs.push(invalid('spec.bandwidthPerMigration', `Invalid value: ${JSON.stringify(bw)}: must be a non-negative quantity such as 64Mi`));
  }
  const timeout = p.spec?.completionTimeoutPerGiB;
  // 0 would cancel every migration at once: a timeout is a positive number of seconds.
  if (timeout !== undefined && timeout < 1) {
    errs.push(invalid('spec.completionTimeoutPerGiB', `Invalid value: ${timeout}: must be at least 1 (seconds per GiB of guest memory)`));
  }
  return errs;
}

export const migrationPolicyKind = defineKind<MigrationPolicy>({
  group: MIGRATIONS_GROUP,
  version: 'v1alpha1',
  kind: 'MigrationPolicy',
  plural: 'migrationpolicies',
  singular: 'migrationpolicy',
  namespaced: false,
  schema: MigrationPolicySchema,
  hasStatus: true,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  validate: (p) => validateMigrationPolicy(p),
});
