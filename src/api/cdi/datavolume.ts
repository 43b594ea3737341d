// cdi.kubevirt.io/v1beta1 DataVolume: a PVC plus the data that must be put in it (imported over
// HTTP, pulled from a registry, cloned, uploaded or blank); the DataVolume controller drives it.
import { isDeepStrictEqual } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { stringEnum } from '../core/enum.ts';
import { DataVolumeSpecSchema, type DataVolumeSpec } from '../kubevirt/datavolume-spec.ts';
import { validateDataVolumeSpec } from './datavolume-rules.ts';

export const DATA_VOLUME_PHASES = [
  'Pending',
  'PVCBound',
  'ImportScheduled',
  'ImportInProgress',
  'CloneScheduled',
  'CloneInProgress',
  'SnapshotForSmartCloneInProgress',
  'CSICloneInProgress',
  'ExpansionInProgress',
  'NamespaceTransferInProgress',
  'UploadScheduled',
  'UploadReady',
  'WaitForFirstConsumer',
  'PendingPopulation',
  'Succeeded',
  'Failed',
  'Paused',
  'Unknown',
] as const;

const DataVolumeStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(DATA_VOLUME_PHASES, { description: 'Where the population of the volume stands.' })),
    progress: Type.Optional(Type.String({ pattern: '^(\\d+(\\.\\d+)?%|N/A)$', description: 'Transfer progress as a percentage ("45.32%"), or N/A.' })),
    restartCount: Type.Optional(Type.Integer({ minimum: 0, description: 'How many times the transfer was restarted.' })),
    claimName: Type.Optional(Type.String({ description: 'The PVC holding the data.' })),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  { additionalProperties: false },
);

export const DataVolumeSchema = objectSchema({
  spec: DataVolumeSpecSchema,
  status: DataVolumeStatusSchema,
  description: 'DataVolume is an abstraction on top of PersistentVolumeClaims to populate them with data.',
});

export type DataVolume = KubeObject & { spec?: DataVolumeSpec; status?: Static<typeof DataVolumeStatusSchema> };

/** The spec without the multi-stage import fields, which may advance after creation. */
function frozenSpec(spec: DataVolumeSpec | undefined): unknown {
  const { checkpoints: _c, finalCheckpoint: _f, ...rest } = spec ?? {};
  return rest;
}

export const dataVolumeKind = defineKind<DataVolume>({
  group: 'cdi.kubevirt.io',
  version: 'v1beta1',
  kind: 'DataVolume',
  plural: 'datavolumes',
  singular: 'datavolume',
  shortNames: ['dv', 'dvs'],
  categories: ['all'],
  namespaced: true,
  schema: DataVolumeSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase', description: 'The phase the data volume is in' },
    { name: 'Progress', type: 'string', jsonPath: '.status.progress', description: 'Transfer progress in percentage if known, N/A otherwise' },
    { name: 'Restarts', type: 'integer', jsonPath: '.status.restartCount', description: 'The number of times the transfer has been restarted.' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  validate(dv, ctx) {
    const errs: FieldError[] = validateDataVolumeSpec(dv.spec);
    if (ctx.operation === 'UPDATE' && ctx.old) {
      const old = ctx.old as DataVolume;
      if (!isDeepStrictEqual(frozenSpec(old.spec), frozenSpec(dv.spec))) {
        errs.push({ field: 'spec', message: `Cannot update spec for DataVolume ${dv.metadata.name ?? ''}: the spec is immutable after creation (delete and recreate it)`, reason: 'FieldValueForbidden' });
      }
    }
    return errs;
  },
});
