// The migrations.kubevirt.io/v1alpha1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { migrationPolicyKind } from './migrationpolicy.ts';

export { migrationPolicyKind, MIGRATION_POLICY_API_VERSION, type MigrationPolicy, type MigrationPolicySpec } from './migrationpolicy.ts';

export const migrationsKinds = [migrationPolicyKind] as unknown as KindDefinition[];
