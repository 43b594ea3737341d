// The shape every stored object shares, and the TypeBox schema of ObjectMeta.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const OwnerReferenceSchema = Type.Object(
  {
    apiVersion: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    uid: Type.String(),
    controller: Type.Optional(Type.Boolean()),
    blockOwnerDeletion: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OwnerReference = Static<typeof OwnerReferenceSchema>;

const StringMap = Type.Record(Type.String(), Type.String());

export const ObjectMetaSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Name must be unique within a namespace.' })),
    generateName: Type.Optional(Type.String()),
    namespace: Type.Optional(Type.String()),
    uid: Type.Optional(Type.String()),
    resourceVersion: Type.Optional(Type.String()),
    generation: Type.Optional(Type.Integer()),
    creationTimestamp: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    deletionTimestamp: Type.Optional(Type.String()),
    deletionGracePeriodSeconds: Type.Optional(Type.Integer()),
    labels: Type.Optional(StringMap),
    annotations: Type.Optional(StringMap),
    ownerReferences: Type.Optional(Type.Array(OwnerReferenceSchema)),
    finalizers: Type.Optional(Type.Array(Type.String())),
    managedFields: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    selfLink: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'Standard object metadata.' },
);
export type ObjectMeta = Static<typeof ObjectMetaSchema>;

/** Any API object as it travels: the typed kinds narrow spec and status. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/**
 * Builds the schema of a whole top-level object from its spec and status schemas (either may be
 * omitted) plus extra top-level fields (ConfigMap's `data`, Secret's `type`, …).
 */
export function objectSchema(opts: {
  spec?: TSchema;
  status?: TSchema;
  extra?: Record<string, TSchema>;
  description?: string;
}) {
  const props: Record<string, TSchema> = {
    apiVersion: Type.Optional(Type.String({ description: 'APIVersion of this representation of the object.' })),
    kind: Type.Optional(Type.String({ description: 'Kind of the object.' })),
    metadata: Type.Optional(ObjectMetaSchema),
  };
  if (opts.spec) props.spec = Type.Optional(opts.spec);
  if (opts.status) props.status = Type.Optional(opts.status);
  for (const [k, v] of Object.entries(opts.extra ?? {})) props[k] = v;
  return Type.Object(props, { additionalProperties: false, description: opts.description });
}

/** A Kubernetes quantity ("1.5Gi", "100m", 2): accepted as a string or a number. */
export const QuantitySchema = Type.Union([Type.String(), Type.Number()], {
  'x-kubernetes-int-or-string': true,
  description: 'A Kubernetes quantity such as 1Gi, 512Mi, 500m or 2.',
});

/** A free-form object whose fields Vireo keeps but does not check. */
export const FreeFormSchema = Type.Record(Type.String(), Type.Unknown(), {
  'x-kubernetes-preserve-unknown-fields': true,
});

export const ConditionSchema = Type.Object(
  {
    type: Type.String(),
    status: Type.String(),
    reason: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    lastTransitionTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    lastProbeTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    lastHeartbeatTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    lastUpdateTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    observedGeneration: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof ConditionSchema>;
