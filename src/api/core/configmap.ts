// core/v1 ConfigMap: non-secret configuration such as the CA bundle an importer trusts (tls-certs).
import { Type } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { objectSchema, type KubeObject } from '../../machinery/object.ts';
import { base64Length, tooLong, validateBase64Map, validateImmutable, validateKey } from './config-data.ts';

export const ConfigMapSchema = objectSchema({
  extra: {
    data: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'UTF-8 configuration data.' })),
    binaryData: Type.Optional(
      Type.Record(Type.String(), Type.String({ contentEncoding: 'base64' }), { description: 'Binary data, base64-encoded; keys must not repeat those of data.' }),
    ),
    immutable: Type.Optional(Type.Boolean({ description: 'When true, data and binaryData cannot be changed after creation.' })),
  },
  description: 'ConfigMap holds configuration data for workloads to consume.',
});

export type ConfigMap = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean };

export const configMapKind = defineKind<ConfigMap>({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  schema: ConfigMapSchema,
  hasStatus: false,
  specFields: ['data', 'binaryData', 'immutable'],
  printerColumns: [
    {
      name: 'Data',
      type: 'integer',
      jsonPath: '.data',
      description: 'Number of keys in data and binaryData.',
      value: (o) => Object.keys((o as ConfigMap).data ?? {}).length + Object.keys((o as ConfigMap).binaryData ?? {}).length,
    },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  validate(cm, ctx) {
    const errs: FieldError[] = [];
    let total = 0;
    for (const [k, v] of Object.entries(cm.data ?? {})) {
      errs.push(...validateKey(k, 'data'));
      total += k.length + Buffer.byteLength(v, 'utf8');
    }
    errs.push(...validateBase64Map(cm.binaryData, 'binaryData'));
    for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
      total += k.length + base64Length(v);
      if (cm.data?.[k] !== undefined) errs.push({ field: `binaryData[${k}]`, message: `Invalid value: "${k}": duplicate of key present in data`, reason: 'FieldValueInvalid' });
    }
    errs.push(...tooLong(total, 'data'));
    if (ctx.operation === 'UPDATE') errs.push(...validateImmutable(ctx.old, cm, ['data', 'binaryData']));
    return errs;
  },
});
