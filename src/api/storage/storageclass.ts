// storage.k8s.io/v1 StorageClass: how claims of a class get volumes (Vireo's "local" provisioner
// creates them under the data dir). Fields sit at the top level; there is no spec.
import { isDeepStrictEqual } from 'node:util';
import { Type } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { stringEnum } from '../core/enum.ts';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

export const StorageClassSchema = objectSchema({
  extra: {
    provisioner: Type.String({ description: 'The provisioner that creates volumes of this class, e.g. kubevirt.io.hostpath-provisioner.' }),
    parameters: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Provisioner-specific parameters.' })),
    reclaimPolicy: Type.Optional(stringEnum(['Delete', 'Retain'], { description: 'Reclaim policy of provisioned volumes; Delete by default.' })),
    volumeBindingMode: Type.Optional(
      stringEnum(['Immediate', 'WaitForFirstConsumer'], { description: 'When to bind and provision: at once, or when a VM/pod first uses the claim.' }),
    ),
    allowVolumeExpansion: Type.Optional(Type.Boolean({ description: 'Whether claims of this class may grow.' })),
    mountOptions: Type.Optional(Type.Array(Type.String())),
    allowedTopologies: Type.Optional(Type.Array(FreeFormSchema)),
  },
  description: 'StorageClass describes the parameters for a class of storage.',
});

export type StorageClass = KubeObject & {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
};

export function isDefaultClass(obj: KubeObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

const PROVISIONER = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?(\/[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$/;

export const storageClassKind = defineKind<StorageClass>({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  schema: StorageClassSchema,
  hasStatus: false,
  specFields: ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode', 'allowVolumeExpansion', 'mountOptions', 'allowedTopologies'],
  nameColumn: (o) => (isDefaultClass(o) ? `${o.metadata.name ?? ''} (default)` : (o.metadata.name ?? '')),
  printerColumns: [
    { name: 'Provisioner', type: 'string', jsonPath: '.provisioner' },
    { name: 'ReclaimPolicy', type: 'string', jsonPath: '.reclaimPolicy' },
    { name: 'VolumeBindingMode', type: 'string', jsonPath: '.volumeBindingMode' },
    { name: 'AllowVolumeExpansion', type: 'boolean', jsonPath: '.allowVolumeExpansion', value: (o) => (o as StorageClass).allowVolumeExpansion === true },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  defaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(sc, ctx) {
    const errs: FieldError[] = [];
    if (!sc.provisioner) errs.push({ field: 'provisioner', message: 'Required value', reason: 'FieldValueRequired' });
    else if (sc.provisioner.length > 63 && !sc.provisioner.includes('/')) {
      errs.push({ field: 'provisioner', message: `Too long: may not be more than 63 bytes`, reason: 'FieldValueTooLong' });
    } else if (!PROVISIONER.test(sc.provisioner)) {
      errs.push({ field: 'provisioner', message: `Invalid value: "${sc.provisioner}": must be a qualified name, e.g. example.com/my-provisioner`, reason: 'FieldValueInvalid' });
    }
    if (ctx.operation === 'UPDATE' && ctx.old) {
      // A class only describes how new volumes are made; changing it would lie about existing ones.
      const old = ctx.old as StorageClass;
      if (!isDeepStrictEqual(old.parameters ?? {}, sc.parameters ?? {})) errs.push({ field: 'parameters', message: 'Forbidden: updates to parameters are forbidden.', reason: 'FieldValueForbidden' });
      if (old.provisioner !== sc.provisioner) errs.push({ field: 'provisioner', message: 'Forbidden: updates to provisioner are forbidden.', reason: 'FieldValueForbidden' });
      if ((old.reclaimPolicy ?? 'Delete') !== (sc.reclaimPolicy ?? 'Delete')) errs.push({ field: 'reclaimPolicy', message: 'Forbidden: updates to reclaimPolicy are forbidden.', reason: 'FieldValueForbidden' });
      if ((old.volumeBindingMode ?? 'Immediate') !== (sc.volumeBindingMode ?? 'Immediate')) errs.push({ field: 'volumeBindingMode', message: 'Invalid value: field is immutable', reason: 'FieldValueInvalid' });
    }
    return errs;
  },
});
