// The state of a live migration, reported both on the VMI (status.migrationState) and on the
// VirtualMachineInstanceMigration that asked for it.
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema } from '../../machinery/object.ts';

const Time = Type.Union([Type.String(), Type.Null()]);

export const MigrationStateSchema = Type.Object(
  {
    startTimestamp: Type.Optional(Time),
    endTimestamp: Type.Optional(Time),
    sourceNode: Type.Optional(Type.String()),
    targetNode: Type.Optional(Type.String()),
    targetPod: Type.Optional(Type.String()),
    sourcePod: Type.Optional(Type.String()),
    targetNodeAddress: Type.Optional(Type.String({ description: 'Address the migration stream goes to.' })),
    targetNodeDomainDetected: Type.Optional(Type.Boolean()),
    targetNodeDomainReadyTimestamp: Type.Optional(Time),
    targetDirectMigrationNodePorts: Type.Optional(FreeFormSchema),
    completed: Type.Optional(Type.Boolean()),
    failed: Type.Optional(Type.Boolean()),
    abortRequested: Type.Optional(Type.Boolean()),
    abortStatus: Type.Optional(Type.String({ description: 'Succeeded, Failed or Aborting.' })),
    failureReason: Type.Optional(Type.String()),
    mode: Type.Optional(Type.String({ description: 'PreCopy or PostCopy.' })),
    migrationUid: Type.Optional(Type.String()),
    migrationPolicyName: Type.Optional(Type.String()),
    migrationConfiguration: Type.Optional(FreeFormSchema),
    dataTotalBytes: Type.Optional(Type.Number({ description: 'Vireo extension: bytes of memory and node-local disks to move.' })),
    dataProcessedBytes: Type.Optional(Type.Number({ description: 'Vireo extension: bytes moved so far.' })),
    dataRemainingBytes: Type.Optional(Type.Number({ description: 'Vireo extension: bytes still to move.' })),
    downtimeMs: Type.Optional(Type.Number({ description: 'Vireo extension: how long the guest was paused at switch-over, as QEMU measured it.' })),
  },
  { additionalProperties: false, description: 'Progress and outcome of a live migration.' },
);
export type MigrationState = Static<typeof MigrationStateSchema>;

export const PhaseTransitionTimestampSchema = Type.Object(
  {
    phase: Type.String(),
    phaseTransitionTimestamp: Time,
  },
  { additionalProperties: false },
);
