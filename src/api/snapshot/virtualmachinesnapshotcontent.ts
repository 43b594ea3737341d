// snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshotContent: what a snapshot holds — a copy of
// the VM as it was (metadata, spec, status) and one volume backup per PVC-backed disk (the claim's
// metadata and spec, and the name of the volume snapshot that holds its data). Created and owned
// by the snapshot controller; its spec never changes.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind } from '../../machinery/kind.ts';
import { ObjectMetaSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { stringEnum } from '../core/enum.ts';
import { PersistentVolumeClaimSpecSchema } from '../core/pvc.ts';
import { VirtualMachineSpecSchema, VirtualMachineStatusSchema } from '../kubevirt/virtualmachine-schema.ts';
import { SNAPSHOT_GROUP, SNAPSHOT_VERSION, SnapshotErrorSchema, immutableSpec } from './common.ts';

const strict = { additionalProperties: false } as const;

const SnapshotVmSchema = Type.Object(
  {
    metadata: Type.Optional(ObjectMetaSchema),
    spec: VirtualMachineSpecSchema,
    status: Type.Optional(VirtualMachineStatusSchema),
  },
  { ...strict, description: 'The VirtualMachine as it was when the snapshot was taken.' },
);

const VolumeBackupSchema = Type.Object(
  {
    volumeName: Type.String({ description: 'The VM volume this backup is of.' }),
    persistentVolumeClaim: Type.Object({ metadata: Type.Optional(ObjectMetaSchema), spec: Type.Optional(PersistentVolumeClaimSpecSchema) }, strict),
    volumeSnapshotName: Type.Optional(Type.String({ description: 'The volume snapshot holding the data (a file on the node that holds the volume).' })),
  },
  strict,
);
export type VolumeBackup = Static<typeof VolumeBackupSchema>;

const ContentSpecSchema = Type.Object(
  {
    virtualMachineSnapshotName: Type.Optional(Type.String()),
    source: Type.Object({ virtualMachine: Type.Optional(SnapshotVmSchema) }, strict),
    volumeBackups: Type.Optional(Type.Array(VolumeBackupSchema)),
  },
  strict,
);
export type ContentSpec = Static<typeof ContentSpecSchema>;

const VolumeSnapshotStatusSchema = Type.Object(
  {
    volumeSnapshotName: Type.String(),
    creationTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    readyToUse: Type.Optional(Type.Boolean()),
    error: Type.Optional(SnapshotErrorSchema),
  },
  strict,
);
export type VolumeSnapshotStatus = Static<typeof VolumeSnapshotStatusSchema>;

const ContentStatusSchema = Type.Object(
  {
    creationTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    readyToUse: Type.Optional(Type.Boolean()),
    error: Type.Optional(SnapshotErrorSchema),
    volumeSnapshotStatus: Type.Optional(Type.Array(VolumeSnapshotStatusSchema)),
    snapshotMode: Type.Optional(stringEnum(['Direct', 'External'])),
  },
  strict,
);
export type ContentStatus = Static<typeof ContentStatusSchema>;

export const VirtualMachineSnapshotContentSchema = objectSchema({
  spec: ContentSpecSchema,
  status: ContentStatusSchema,
  description: 'VirtualMachineSnapshotContent contains the snapshot data.',
});

export type VirtualMachineSnapshotContent = KubeObject & { spec?: ContentSpec; status?: ContentStatus };

export const virtualMachineSnapshotContentKind = defineKind<VirtualMachineSnapshotContent>({
  group: SNAPSHOT_GROUP,
  version: SNAPSHOT_VERSION,
  kind: 'VirtualMachineSnapshotContent',
  plural: 'virtualmachinesnapshotcontents',
  singular: 'virtualmachinesnapshotcontent',
  shortNames: ['vmsnapshotcontent', 'vmsnapshotcontents'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineSnapshotContentSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
    { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
    { name: 'Error', type: 'string', jsonPath: '.status.error.message' },
  ],
  validate: (c, ctx) => (ctx.old ? immutableSpec((ctx.old as VirtualMachineSnapshotContent).spec, c.spec) : []),
});
