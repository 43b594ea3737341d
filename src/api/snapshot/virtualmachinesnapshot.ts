// snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshot: asks for a point-in-time copy of a VM (its
// spec and every PVC-backed disk). The snapshot controller (src/controllers/snapshot/) writes the
// status; the copies themselves are the node agents' work.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { invalid } from '../common/field-error.ts';
import { stringEnum } from '../core/enum.ts';
import { parseGoDuration } from '../hco/go-duration.ts';
import { SNAPSHOT_GROUP, SNAPSHOT_VERSION, SnapshotErrorSchema, TypedLocalObjectReferenceSchema, immutableSpec, validateVmRef } from './common.ts';

export const SNAPSHOT_PHASES = ['InProgress', 'Succeeded', 'Failed', 'Deleting', 'Unknown'] as const;
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number];
export const INDICATIONS = ['Online', 'NoGuestAgent', 'GuestAgent', 'QuiesceTimeout', 'Paused', 'PartialSnapshot'] as const;
export type Indication = (typeof INDICATIONS)[number];

const strict = { additionalProperties: false } as const;

const SnapshotSpecSchema = Type.Object(
  {
    source: TypedLocalObjectReferenceSchema,
    deletionPolicy: Type.Optional(stringEnum(['Delete', 'Retain'], { description: 'What happens to the content when the snapshot is deleted (default Delete).' })),
    failureDeadline: Type.Optional(Type.String({ description: 'How long the snapshot may take before it is Failed (Go duration, default 5m; 0 means no deadline).' })),
    snapshotMode: Type.Optional(stringEnum(['Direct', 'External'], { description: 'Only Direct is supported.' })),
  },
  { ...strict, description: 'Which VM to snapshot and how.' },
);
export type SnapshotSpec = Static<typeof SnapshotSpecSchema>;

const SourceIndicationSchema = Type.Object({ indication: stringEnum(INDICATIONS), message: Type.String() }, strict);

const SnapshotStatusSchema = Type.Object(
  {
    sourceUID: Type.Optional(Type.String()),
    virtualMachineSnapshotContentName: Type.Optional(Type.String()),
    creationTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    phase: Type.Optional(stringEnum(SNAPSHOT_PHASES)),
    readyToUse: Type.Optional(Type.Boolean()),
    error: Type.Optional(SnapshotErrorSchema),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    indications: Type.Optional(Type.Array(stringEnum(INDICATIONS))),
    sourceIndications: Type.Optional(Type.Array(SourceIndicationSchema)),
    snapshotVolumes: Type.Optional(
      Type.Object({ includedVolumes: Type.Optional(Type.Array(Type.String())), excludedVolumes: Type.Optional(Type.Array(Type.String())) }, strict),
    ),
  },
  { ...strict, description: 'Where the snapshot stands.' },
);
export type SnapshotStatus = Static<typeof SnapshotStatusSchema>;

export const VirtualMachineSnapshotSchema = objectSchema({
  spec: SnapshotSpecSchema,
  status: SnapshotStatusSchema,
  description: 'VirtualMachineSnapshot defines the operation of snapshotting a VM.',
});

export type VirtualMachineSnapshot = KubeObject & { spec?: SnapshotSpec; status?: SnapshotStatus };

export function validateSnapshot(s: VirtualMachineSnapshot, old: VirtualMachineSnapshot | undefined): FieldError[] {
  if (old) return immutableSpec(old.spec, s.spec);
  const errs = validateVmRef(s.spec?.source, 'spec.source');
  const deadline = s.spec?.failureDeadline;
  if (deadline !== undefined) {
    try {
      if (parseGoDuration(deadline) < 0) errs.push(invalid('spec.failureDeadline', `Invalid value: "${deadline}": must not be negative`));
    } catch (e) {
      errs.push(invalid('spec.failureDeadline', `Invalid value: "${deadline}": ${(e as Error).message}`));
    }
  }
  // External mode needs copy-on-write overlays on a scratch volume: not built.
  if (s.spec?.snapshotMode === 'External') errs.push(invalid('spec.snapshotMode', 'Unsupported value: "External": only Direct snapshots are supported'));
  return errs;
}

export const virtualMachineSnapshotKind = defineKind<VirtualMachineSnapshot>({
  group: SNAPSHOT_GROUP,
  version: SNAPSHOT_VERSION,
  kind: 'VirtualMachineSnapshot',
  plural: 'virtualmachinesnapshots',
  singular: 'virtualmachinesnapshot',
  shortNames: ['vmsnapshot', 'vmsnapshots'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineSnapshotSchema,
  hasStatus: true,
  // KubeVirt's CRD columns.
  printerColumns: [
    { name: 'SourceKind', type: 'string', jsonPath: '.spec.source.kind' },
    { name: 'SourceName', type: 'string', jsonPath: '.spec.source.name' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
    { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
    { name: 'Error', type: 'string', jsonPath: '.status.error.message' },
  ],
  validate: (s, ctx) => validateSnapshot(s, ctx.old as VirtualMachineSnapshot | undefined),
});
