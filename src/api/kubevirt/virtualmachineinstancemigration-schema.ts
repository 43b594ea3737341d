// Schema of kubevirt.io/v1 VirtualMachineInstanceMigration: a request to live-migrate one VMI.
import { Type, type Static } from '@sinclair/typebox';
import { ConditionSchema, objectSchema } from '../../machinery/object.ts';
import { MIGRATION_PHASES } from './enums.ts';
import { MigrationStateSchema, PhaseTransitionTimestampSchema } from './migration-state.ts';

export const VirtualMachineInstanceMigrationSpecSchema = Type.Object(
  {
    // Optional in the schema so admission reports it missing by name.
    vmiName: Type.Optional(Type.String({ description: 'Name of the VirtualMachineInstance to migrate, in the same namespace. Required.' })),
    addedNodeSelector: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Extra node labels the target node must carry, on top of the VMI\'s nodeSelector.' }),
    ),
  },
  { additionalProperties: false, description: 'Which VMI to migrate.' },
);
export type VirtualMachineInstanceMigrationSpec = Static<typeof VirtualMachineInstanceMigrationSpecSchema>;

export const VirtualMachineInstanceMigrationStatusSchema = Type.Object(
  {
    phase: Type.Optional(
      Type.String({ enum: [...MIGRATION_PHASES], description: 'Pending, Scheduling, Scheduled, PreparingTarget, TargetReady, Running, Succeeded or Failed.' }),
    ),
    phaseTransitionTimestamps: Type.Optional(Type.Array(PhaseTransitionTimestampSchema)),
    migrationState: Type.Optional(MigrationStateSchema),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  { additionalProperties: false, description: 'Progress of the migration.' },
);
export type VirtualMachineInstanceMigrationStatus = Static<typeof VirtualMachineInstanceMigrationStatusSchema>;

export const VirtualMachineInstanceMigrationSchema = objectSchema({
  spec: VirtualMachineInstanceMigrationSpecSchema,
  status: VirtualMachineInstanceMigrationStatusSchema,
  description: 'A request to live-migrate a VirtualMachineInstance to another node.',
});
