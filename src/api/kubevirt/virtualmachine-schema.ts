// Schema of kubevirt.io/v1 VirtualMachine: a VMI template plus whether it should be running.
import { Type, type Static } from '@sinclair/typebox';
import { ConditionSchema, FreeFormSchema, ObjectMetaSchema, objectSchema } from '../../machinery/object.ts';
import { DataVolumeSpecSchema } from './datavolume-spec.ts';
import { RUN_STRATEGIES } from './enums.ts';
import { VirtualMachineInstanceSpecSchema } from './vmi-spec.ts';

const strict = { additionalProperties: false } as const;

const InstancetypeMatcher = (what: string) =>
  Type.Object(
    {
      name: Type.Optional(Type.String({ description: `Name of the ${what}.` })),
      kind: Type.Optional(Type.String({ description: `Kind of the ${what} (cluster-wide or namespaced).` })),
      revisionName: Type.Optional(Type.String({ description: 'ControllerRevision that pins the version in use.' })),
      inferFromVolume: Type.Optional(Type.String({ description: 'Volume whose labels name the ' + what + '.' })),
      inferFromVolumeFailurePolicy: Type.Optional(Type.String()),
    },
    { ...strict, description: `Selects a ${what} that fills in the template.` },
  );

export const DataVolumeTemplateSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String({ description: 'cdi.kubevirt.io/v1beta1' })),
    kind: Type.Optional(Type.String({ description: 'DataVolume' })),
    metadata: ObjectMetaSchema,
    spec: DataVolumeSpecSchema,
    // KubeVirt keeps a placeholder status here; manifests often carry `status: {}`.
    status: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'A DataVolume created (and owned) by the VM.' },
);

export const VirtualMachineSpecSchema = Type.Object(
  {
    running: Type.Optional(Type.Boolean({ description: 'Deprecated: true = runStrategy Always, false = Halted. Mutually exclusive with runStrategy.' })),
    runStrategy: Type.Optional(
      Type.String({
        enum: [...RUN_STRATEGIES],
        description: 'When a VMI should exist: Always, RerunOnFailure, Manual, Halted or Once. Mutually exclusive with running.',
      }),
    ),
    template: Type.Object(
      {
        metadata: Type.Optional(ObjectMetaSchema),
        spec: VirtualMachineInstanceSpecSchema,
      },
      { ...strict, description: 'The VirtualMachineInstance the VM creates.' },
    ),
    dataVolumeTemplates: Type.Optional(Type.Array(DataVolumeTemplateSchema, { description: 'DataVolumes created with the VM.' })),
    instancetype: Type.Optional(InstancetypeMatcher('instancetype')),
    preference: Type.Optional(InstancetypeMatcher('preference')),
    updateVolumesStrategy: Type.Optional(Type.String({ enum: ['Replacement', 'Migration'], description: 'Replacement or Migration.' })),
    liveUpdateFeatures: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Specification of a virtual machine.' },
);
export type VirtualMachineSpec = Static<typeof VirtualMachineSpecSchema>;

export const VirtualMachineStatusSchema = Type.Object(
  {
    printableStatus: Type.Optional(Type.String({ description: 'Human-readable state: Stopped, Provisioning, Starting, Running, Paused, Stopping, Terminating, Migrating, ...' })),
    created: Type.Optional(Type.Boolean()),
    ready: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    stateChangeRequests: Type.Optional(
      Type.Array(
        Type.Object(
          {
            action: Type.String({ enum: ['Start', 'Stop'] }),
            data: Type.Optional(Type.Record(Type.String(), Type.String())),
            uid: Type.Optional(Type.String()),
          },
          strict,
        ),
      ),
    ),
    volumeSnapshotStatuses: Type.Optional(
      Type.Array(Type.Object({ name: Type.String(), enabled: Type.Boolean(), reason: Type.Optional(Type.String()) }, strict)),
    ),
    startFailure: Type.Optional(
      Type.Object(
        {
          retries: Type.Optional(Type.Integer()),
          lastFailedVMIUID: Type.Optional(Type.String()),
          consecutiveFailCount: Type.Optional(Type.Integer()),
          retryAfterTimestamp: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        },
        strict,
      ),
    ),
    observedGeneration: Type.Optional(Type.Integer()),
    desiredGeneration: Type.Optional(Type.Integer()),
    runStrategy: Type.Optional(Type.String()),
    volumeRequests: Type.Optional(Type.Array(FreeFormSchema)),
    volumeUpdateState: Type.Optional(FreeFormSchema),
    restoreInProgress: Type.Optional(Type.String()),
    snapshotInProgress: Type.Optional(Type.String()),
    memoryDumpRequest: Type.Optional(FreeFormSchema),
    instancetypeRef: Type.Optional(FreeFormSchema),
    preferenceRef: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Observed state of the virtual machine.' },
);
export type VirtualMachineStatus = Static<typeof VirtualMachineStatusSchema>;

export const VirtualMachineSchema = objectSchema({
  spec: VirtualMachineSpecSchema,
  status: VirtualMachineStatusSchema,
  description: 'A virtual machine: a template of a VirtualMachineInstance and whether it should run.',
});
