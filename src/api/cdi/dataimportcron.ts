// cdi.kubevirt.io/v1beta1 DataImportCron: keeps a DataSource fed with the newest image of a
// registry (or URL) source, polled on a cron schedule; the last importsToKeep imports are kept.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { DataVolumeSpecSchema } from '../kubevirt/datavolume-spec.ts';
import { sourceURLProblem } from './datavolume-rules.ts';
import { scheduleProblem } from './schedule.ts';

export const DEFAULT_IMPORTS_TO_KEEP = 3;

const strict = { additionalProperties: false } as const;

const DataImportCronSpecSchema = Type.Object(
  {
    template: Type.Object(
      {
        metadata: Type.Optional(Type.Object({ labels: Type.Optional(Type.Record(Type.String(), Type.String())), annotations: Type.Optional(Type.Record(Type.String(), Type.String())) }, { additionalProperties: true })),
        spec: DataVolumeSpecSchema,
      },
      { ...strict, description: 'The DataVolume each import creates; its source is registry (docker://…) or http.' },
    ),
    schedule: Type.String({ description: 'Cron expression (UTC) of when to look for a new image, e.g. "0 */12 * * *".' }),
    managedDataSource: Type.String({ description: 'Name of the DataSource pointed at the newest import (created if missing).' }),
    importsToKeep: Type.Optional(Type.Integer({ minimum: 0, description: 'How many imports to keep (default 3).' })),
    garbageCollect: Type.Optional(Type.String({ enum: ['Outdated', 'Never'], description: 'Outdated (default): delete imports beyond importsToKeep.' })),
    retentionPolicy: Type.Optional(Type.String({ enum: ['RetainAll', 'None'], description: 'What happens to the imports when the cron is deleted; Vireo retains them (RetainAll).' })),
  },
  strict,
);

const DataImportCronStatusSchema = Type.Object(
  {
    currentImports: Type.Optional(Type.Array(Type.Object({ dataVolumeName: Type.String(), digest: Type.Optional(Type.String()) }, strict))),
    lastImportedPVC: Type.Optional(Type.Object({ namespace: Type.String(), name: Type.String() }, strict)),
    lastExecutionTimestamp: Type.Optional(Type.String({ description: 'When the source was last polled.' })),
    lastImportTimestamp: Type.Optional(Type.String({ description: 'When the last import succeeded.' })),
    sourceFormat: Type.Optional(Type.String()),
    conditions: Type.Optional(Type.Array(ConditionSchema, { description: 'UpToDate and Progressing.' })),
  },
  strict,
);

export const DataImportCronSchema = objectSchema({
  spec: DataImportCronSpecSchema,
  status: DataImportCronStatusSchema,
  description: 'DataImportCron polls an image source on a schedule and keeps a DataSource at its newest import.',
});

export type DataImportCronSpec = Static<typeof DataImportCronSpecSchema>;
export type DataImportCronStatus = Static<typeof DataImportCronStatusSchema>;
export type DataImportCron = KubeObject & { spec?: DataImportCronSpec; status?: DataImportCronStatus };

function validateSpec(spec: DataImportCronSpec | undefined): FieldError[] {
  if (!spec) return [{ field: 'spec', message: 'Required value', reason: 'FieldValueRequired' }];
  const errs: FieldError[] = [];
  const problem = scheduleProblem(spec.schedule);
  if (problem) errs.push({ field: 'spec.schedule', message: `Invalid value: ${problem}`, reason: 'FieldValueInvalid' });
  if (!spec.managedDataSource) errs.push({ field: 'spec.managedDataSource', message: 'Required value: the DataSource this cron keeps up to date', reason: 'FieldValueRequired' });
  const source = spec.template.spec.source;
  if (source?.registry) {
    if (!source.registry.url?.startsWith('docker://')) errs.push({ field: 'spec.template.spec.source.registry.url', message: 'Required value: a docker://host/image:tag URL (imageStream is not supported)', reason: 'FieldValueRequired' });
  } else if (source?.http) {
    const p = sourceURLProblem(source.http.url);
    if (p) errs.push({ field: 'spec.template.spec.source.http.url', message: `Invalid value: ${p}`, reason: 'FieldValueInvalid' });
  } else {
    errs.push({ field: 'spec.template.spec.source', message: 'Required value: a DataImportCron imports from source.registry or source.http', reason: 'FieldValueRequired' });
  }
  return errs;
}

export const dataImportCronKind = defineKind<DataImportCron>({
  group: 'cdi.kubevirt.io',
  version: 'v1beta1',
  kind: 'DataImportCron',
  plural: 'dataimportcrons',
  singular: 'dataimportcron',
  shortNames: ['dic', 'dics'],
  namespaced: true,
  schema: DataImportCronSchema,
  hasStatus: true,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  defaults(cron) {
    if (!cron.spec) return;
    cron.spec.importsToKeep ??= DEFAULT_IMPORTS_TO_KEEP;
    cron.spec.garbageCollect ??= 'Outdated';
  },
  validate: (cron) => validateSpec(cron.spec),
});
