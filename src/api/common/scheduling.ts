// Kubernetes core scheduling types (affinity, tolerations, label selectors) with Kubernetes' own
// field names, for any kind that places workloads on nodes.
import { Type, type Static } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;

export const NodeSelectorRequirementSchema = Type.Object(
  {
    key: Type.String({ description: 'The label key that the selector applies to.' }),
    operator: Type.String({
      enum: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
      description: "Relation of the key to the values: In, NotIn, Exists, DoesNotExist, Gt or Lt.",
    }),
    values: Type.Optional(Type.Array(Type.String(), { description: 'Values for In/NotIn (any), Gt/Lt (one integer); empty for Exists/DoesNotExist.' })),
  },
  strict,
);

export const NodeSelectorTermSchema = Type.Object(
  {
    matchExpressions: Type.Optional(Type.Array(NodeSelectorRequirementSchema, { description: "Requirements on the node's labels." })),
    matchFields: Type.Optional(Type.Array(NodeSelectorRequirementSchema, { description: "Requirements on the node's fields." })),
  },
  strict,
);

export const LabelSelectorRequirementSchema = Type.Object(
  {
    key: Type.String(),
    operator: Type.String({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'], description: 'In, NotIn, Exists or DoesNotExist.' }),
    values: Type.Optional(Type.Array(Type.String())),
  },
  strict,
);

export const LabelSelectorSchema = Type.Object(
  {
    matchLabels: Type.Optional(Type.Record(Type.String(), Type.String())),
    matchExpressions: Type.Optional(Type.Array(LabelSelectorRequirementSchema)),
  },
  { ...strict, description: 'A label query over a set of resources; the terms are ANDed.' },
);

export const PodAffinityTermSchema = Type.Object(
  {
    labelSelector: Type.Optional(LabelSelectorSchema),
    namespaceSelector: Type.Optional(LabelSelectorSchema),
    namespaces: Type.Optional(Type.Array(Type.String())),
    topologyKey: Type.String({ description: 'Node label key whose equal values define "the same place" (e.g. kubernetes.io/hostname).' }),
    matchLabelKeys: Type.Optional(Type.Array(Type.String())),
    mismatchLabelKeys: Type.Optional(Type.Array(Type.String())),
  },
  strict,
);

const WeightedPodAffinityTermSchema = Type.Object(
  {
    weight: Type.Integer({ description: 'Weight 1-100 added to a node that satisfies the term.' }),
    podAffinityTerm: PodAffinityTermSchema,
  },
  strict,
);

const PodAffinitySchema = Type.Object(
  {
    requiredDuringSchedulingIgnoredDuringExecution: Type.Optional(Type.Array(PodAffinityTermSchema)),
    preferredDuringSchedulingIgnoredDuringExecution: Type.Optional(Type.Array(WeightedPodAffinityTermSchema)),
  },
  strict,
);

export const AffinitySchema = Type.Object(
  {
    nodeAffinity: Type.Optional(
      Type.Object(
        {
          requiredDuringSchedulingIgnoredDuringExecution: Type.Optional(
            Type.Object({ nodeSelectorTerms: Type.Array(NodeSelectorTermSchema, { description: 'ORed terms.' }) }, strict),
          ),
          preferredDuringSchedulingIgnoredDuringExecution: Type.Optional(
            Type.Array(Type.Object({ weight: Type.Integer({ description: 'Weight 1-100.' }), preference: NodeSelectorTermSchema }, strict)),
          ),
        },
        { ...strict, description: 'Node affinity scheduling rules.' },
      ),
    ),
    podAffinity: Type.Optional(PodAffinitySchema),
    podAntiAffinity: Type.Optional(PodAffinitySchema),
  },
  { ...strict, description: 'Scheduling constraints (node affinity, pod affinity and anti-affinity), as for a Pod.' },
);
export type Affinity = Static<typeof AffinitySchema>;

export const TolerationSchema = Type.Object(
  {
    key: Type.Optional(Type.String({ description: 'Taint key to tolerate; empty with operator Exists matches all taints.' })),
    operator: Type.Optional(Type.String({ enum: ['Exists', 'Equal'], description: 'Exists or Equal (default Equal).' })),
    value: Type.Optional(Type.String()),
    effect: Type.Optional(Type.String({ enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute', ''], description: 'NoSchedule, PreferNoSchedule or NoExecute; empty matches all.' })),
    tolerationSeconds: Type.Optional(Type.Integer({ description: 'How long a NoExecute taint is tolerated.' })),
  },
  strict,
);
export type Toleration = Static<typeof TolerationSchema>;

export const TopologySpreadConstraintSchema = Type.Object(
  {
    maxSkew: Type.Integer(),
    topologyKey: Type.String(),
    whenUnsatisfiable: Type.String(),
    labelSelector: Type.Optional(LabelSelectorSchema),
    minDomains: Type.Optional(Type.Integer()),
    nodeAffinityPolicy: Type.Optional(Type.String()),
    nodeTaintsPolicy: Type.Optional(Type.String()),
    matchLabelKeys: Type.Optional(Type.Array(Type.String())),
  },
  strict,
);
