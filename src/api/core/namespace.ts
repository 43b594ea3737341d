// core/v1 Namespace: cluster-scoped; its name is a DNS label because it becomes part of hostnames.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { validateDnsLabel } from '../common/names.ts';
import { stringEnum } from './enum.ts';

const NamespaceSpecSchema = Type.Object(
  {
    finalizers: Type.Optional(
      Type.Array(Type.String(), { description: 'Finalizers that must be empty before the namespace is removed from storage.' }),
    ),
  },
  { additionalProperties: false },
);

const NamespaceStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(['Active', 'Terminating'], { description: 'Active, or Terminating while its contents are deleted.' })),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  { additionalProperties: false },
);

export const NamespaceSchema = objectSchema({
  spec: NamespaceSpecSchema,
  status: NamespaceStatusSchema,
  description: 'Namespace provides a scope for names.',
});

export type Namespace = KubeObject & {
  spec?: Static<typeof NamespaceSpecSchema>;
  status?: Static<typeof NamespaceStatusSchema>;
};

export const namespaceKind = defineKind<Namespace>({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  schema: NamespaceSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'The phase of the namespace.' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  defaults(ns) {
    // Like the real apiserver: a new namespace is Active until deletion starts.
    ns.status ??= {};
    ns.status.phase ??= 'Active';
  },
  validate(ns) {
    const errs: FieldError[] = [];
    const name = ns.metadata.name;
    if (name !== undefined) {
      for (const m of validateDnsLabel(name)) errs.push({ field: 'metadata.name', message: m, reason: 'FieldValueInvalid' });
    }
    return errs;
  },
});
