// Shared pieces of the snapshot.kubevirt.io/v1beta1 kinds: the group, the reference to a VM
// (`spec.source` of a snapshot, `spec.target` of a restore), KubeVirt's Error, and the admission
// rules both kinds share, with KubeVirt's messages.
import { isDeepStrictEqual } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldError } from '../../machinery/kind.ts';
import { fieldError, invalid } from '../common/field-error.ts';

export const SNAPSHOT_GROUP = 'snapshot.kubevirt.io';
export const SNAPSHOT_VERSION = 'v1beta1';
export const SNAPSHOT_API_VERSION = `${SNAPSHOT_GROUP}/${SNAPSHOT_VERSION}`;

const strict = { additionalProperties: false } as const;

export const TypedLocalObjectReferenceSchema = Type.Object(
  {
    apiGroup: Type.Optional(Type.String({ description: 'kubevirt.io' })),
    kind: Type.String({ description: 'VirtualMachine' }),
    name: Type.String(),
  },
  { ...strict, description: 'The VirtualMachine, in the same namespace.' },
);
export type TypedLocalObjectReference = Static<typeof TypedLocalObjectReferenceSchema>;

/** KubeVirt's snapshot Error: the last error met, and when. */
export const SnapshotErrorSchema = Type.Object(
  {
    time: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    message: Type.Optional(Type.String()),
  },
  { ...strict, description: 'The last error encountered.' },
);
export type SnapshotError = Static<typeof SnapshotErrorSchema>;

/** KubeVirt's webhook rules for a VM reference: apiGroup kubevirt.io, kind VirtualMachine. */
export function validateVmRef(ref: TypedLocalObjectReference | undefined, field: string): FieldError[] {
  if (!ref) return [fieldError(field, `${field}: Required value`, 'FieldValueRequired')];
  if (ref.apiGroup === undefined) return [fieldError(`${field}.apiGroup`, 'missing apiGroup', 'FieldValueRequired')];
  if (ref.apiGroup !== 'kubevirt.io') return [invalid(`${field}.apiGroup`, 'invalid apiGroup')];
  if (ref.kind !== 'VirtualMachine') return [invalid(`${field}.kind`, 'invalid kind')];
  return [];
}

/** KubeVirt's rule (and its wording): a snapshot's or restore's spec never changes. */
export function immutableSpec(oldSpec: unknown, newSpec: unknown): FieldError[] {
  return isDeepStrictEqual(oldSpec, newSpec) ? [] : [invalid('spec', 'spec in immutable after creation')];
}
