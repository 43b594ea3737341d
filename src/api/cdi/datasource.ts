// cdi.kubevirt.io/v1beta1 DataSource: a stable name ("fedora", "rhel9") for a golden image PVC or
// snapshot, which DataVolumes reference through spec.sourceRef.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';

const NamespacedName = (what: string) =>
  Type.Object(
    {
      namespace: Type.Optional(Type.String({ description: 'Defaults to the namespace of the DataSource.' })),
      name: Type.String({ description: `Name of the ${what}.` }),
    },
    { additionalProperties: false },
  );

const DataSourceSourceSchema = Type.Object(
  {
    pvc: Type.Optional(NamespacedName('PersistentVolumeClaim')),
    snapshot: Type.Optional(NamespacedName('VolumeSnapshot')),
    dataSource: Type.Optional(NamespacedName('DataSource this one points to')),
  },
  { additionalProperties: false, description: 'Where the image lives: at most one of pvc, snapshot, dataSource.' },
);

const DataSourceSpecSchema = Type.Object({ source: DataSourceSourceSchema }, { additionalProperties: false });

const DataSourceStatusSchema = Type.Object(
  {
    conditions: Type.Optional(Type.Array(ConditionSchema, { description: 'Ready is True when the source exists and is populated.' })),
    source: Type.Optional(DataSourceSourceSchema),
  },
  { additionalProperties: false },
);

export const DataSourceSchema = objectSchema({
  spec: DataSourceSpecSchema,
  status: DataSourceStatusSchema,
  description: 'DataSource references an import/clone source for a DataVolume.',
});

export type DataSource = KubeObject & { spec?: Static<typeof DataSourceSpecSchema>; status?: Static<typeof DataSourceStatusSchema> };

export const dataSourceKind = defineKind<DataSource>({
  group: 'cdi.kubevirt.io',
  version: 'v1beta1',
  kind: 'DataSource',
  plural: 'datasources',
  singular: 'datasource',
  shortNames: ['das'],
  namespaced: true,
  schema: DataSourceSchema,
  hasStatus: true,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  validate(ds) {
    const errs: FieldError[] = [];
    if (!ds.spec) return [{ field: 'spec', message: 'Required value', reason: 'FieldValueRequired' }];
    const set = Object.entries(ds.spec.source).filter(([, v]) => v !== undefined);
    if (set.length > 1) {
      errs.push({ field: 'spec.source', message: `Invalid value: only one source may be set, found ${set.map(([k]) => k).join(' and ')}`, reason: 'FieldValueInvalid' });
    }
    return errs;
  },
});
