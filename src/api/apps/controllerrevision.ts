// apps/v1 ControllerRevision: an immutable snapshot of some object's data. Vireo uses it as KubeVirt
// does, to pin the instance type and preference a VM was created with (spec.instancetype.revisionName).
import { Type } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';

export const ControllerRevisionSchema = objectSchema({
  extra: {
    data: Type.Optional(FreeFormSchema),
    revision: Type.Optional(Type.Integer({ description: 'Revision number; required.' })),
  },
  description: 'ControllerRevision holds an immutable snapshot of state data.',
});

export type ControllerRevision = KubeObject & { data?: Record<string, unknown>; revision?: number };

export const controllerRevisionKind = defineKind<ControllerRevision>({
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  schema: ControllerRevisionSchema,
  hasStatus: false,
  specFields: ['data', 'revision'],
  printerColumns: [
    { name: 'Controller', type: 'string', jsonPath: '.metadata.ownerReferences[0].name', value: (o) => o.metadata.ownerReferences?.find((r) => r.controller)?.name ?? '' },
    { name: 'Revision', type: 'integer', jsonPath: '.revision', value: (o) => (o as ControllerRevision).revision ?? 0 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  validate(o, ctx) {
    const errs: FieldError[] = [];
    if (o.revision === undefined) errs.push({ field: 'revision', message: 'Required value', reason: 'FieldValueRequired' });
    // Revisions are immutable, as in Kubernetes.
    if (ctx.old && JSON.stringify((ctx.old as ControllerRevision).data) !== JSON.stringify(o.data)) {
      errs.push({ field: 'data', message: 'Forbidden: field is immutable', reason: 'FieldValueForbidden' });
    }
    return errs;
  },
});

export const appsKinds = [controllerRevisionKind];
