// core/v1 Secret: credentials for importers (endpoint-secret), cloud-init user data, TLS material.
import { Type } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { objectSchema, type KubeObject } from '../../machinery/object.ts';
import { base64Length, tooLong, validateBase64Map, validateImmutable, validateKey } from './config-data.ts';


export const SecretSchema = objectSchema({
  extra: {
    type: Type.Optional(Type.String({ description: 'Used to facilitate programmatic handling of secret data, e.g. Opaque or kubernetes.io/tls.' })),
    data: Type.Optional(Type.Record(Type.String(), Type.String({ contentEncoding: 'base64' }), { description: 'Secret values, base64-encoded.' })),
    stringData: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Write-only convenience: plain strings merged into data (encoded) on write; never returned.' }),
    ),
    immutable: Type.Optional(Type.Boolean({ description: 'When true, data cannot be changed after creation.' })),
  },
  description: 'Secret holds secret data of a certain type.',
});

export type Secret = KubeObject & {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
};

// Keys each well-known type must carry, as the real apiserver insists.
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export const secretKind = defineKind<Secret>({
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  schema: SecretSchema,
  hasStatus: false,
  specFields: ['type', 'data', 'stringData', 'immutable'],
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Data', type: 'integer', jsonPath: '.data', description: 'Number of keys in data.', value: (o) => Object.keys((o as Secret).data ?? {}).length },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  defaults(secret) {
    secret.type ||= 'Opaque';
    if (secret.stringData) {
      // stringData wins over data for the same key, like the real apiserver.
      secret.data ??= {};
      for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = Buffer.from(v, 'utf8').toString('base64');
      delete secret.stringData;
    }
  },
  validate(secret, ctx) {
    const errs: FieldError[] = [];
    errs.push(...validateBase64Map(secret.data, 'data'));
    for (const k of Object.keys(secret.stringData ?? {})) errs.push(...validateKey(k, 'stringData'));
    const total = Object.entries(secret.data ?? {}).reduce((n, [k, v]) => n + k.length + base64Length(v), 0);
    errs.push(...tooLong(total, 'data'));
    const type = secret.type ?? 'Opaque';
    for (const key of REQUIRED_KEYS[type] ?? []) {
      if (secret.data?.[key] === undefined) errs.push({ field: `data[${key}]`, message: 'Required value', reason: 'FieldValueRequired' });
    }
    if (ctx.operation === 'UPDATE' && ctx.old) {
      const old = ctx.old as Secret;
      if ((old.type ?? 'Opaque') !== type) errs.push({ field: 'type', message: 'Invalid value: field is immutable', reason: 'FieldValueInvalid' });
      errs.push(...validateImmutable(old, secret, ['data']));
    }
    return errs;
  },
});
