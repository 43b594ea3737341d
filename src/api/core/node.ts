// core/v1 Node: one per host running a Vireo node agent, which registers it and writes its status.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { NONE, arr, dig, rec, str } from './cells.ts';
import { stringEnum } from './enum.ts';
import { QuantityMapSchema, validateQuantityMap } from './quantities.ts';

export const TaintEffectSchema = stringEnum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

const TaintSchema = Type.Object(
  {
    key: Type.String({ description: 'The taint key to be applied to a node.' }),
    value: Type.Optional(Type.String()),
    effect: TaintEffectSchema,
    timeAdded: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'When a NoExecute taint was added.' })),
  },
  { additionalProperties: false },
);

const NodeSpecSchema = Type.Object(
  {
    unschedulable: Type.Optional(Type.Boolean({ description: 'When true, no new VMs are scheduled on the node (cordon).' })),
    taints: Type.Optional(Type.Array(TaintSchema, { description: 'Repels workloads that do not tolerate the taint.' })),
    podCIDR: Type.Optional(Type.String()),
    podCIDRs: Type.Optional(Type.Array(Type.String())),
    providerID: Type.Optional(Type.String()),
    externalID: Type.Optional(Type.String()),
    configSource: Type.Optional(FreeFormSchema),
  },
  { additionalProperties: false },
);

const NodeStatusSchema = Type.Object(
  {
    capacity: Type.Optional(QuantityMapSchema),
    allocatable: Type.Optional(QuantityMapSchema),
    phase: Type.Optional(Type.String()),
    conditions: Type.Optional(Type.Array(ConditionSchema, { description: 'Ready and pressure conditions, with lastHeartbeatTime.' })),
    addresses: Type.Optional(
      Type.Array(Type.Object({ type: Type.String(), address: Type.String() }, { additionalProperties: false })),
    ),
    daemonEndpoints: Type.Optional(
      Type.Object(
        { kubeletEndpoint: Type.Optional(Type.Object({ Port: Type.Integer() }, { additionalProperties: false })) },
        { additionalProperties: false },
      ),
    ),
    nodeInfo: Type.Optional(FreeFormSchema),
    images: Type.Optional(Type.Array(FreeFormSchema)),
    volumesInUse: Type.Optional(Type.Array(Type.String())),
    volumesAttached: Type.Optional(Type.Array(FreeFormSchema)),
    config: Type.Optional(FreeFormSchema),
    runtimeHandlers: Type.Optional(Type.Array(FreeFormSchema)),
    features: Type.Optional(FreeFormSchema),
  },
  { additionalProperties: false },
);

export const NodeSchema = objectSchema({ spec: NodeSpecSchema, status: NodeStatusSchema, description: 'Node is a host that runs virtual machines.' });

export type Node = KubeObject & { spec?: Static<typeof NodeSpecSchema>; status?: Static<typeof NodeStatusSchema> };

/** kubectl's STATUS: Ready / NotReady / Unknown (no Ready condition), plus ",SchedulingDisabled". */
export function nodeStatus(obj: KubeObject): string {
  const ready = arr(dig(obj, 'status', 'conditions')).find((c) => rec(c).type === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : rec(ready).status === 'True' ? 'Ready' : 'NotReady'];
  if (dig(obj, 'spec', 'unschedulable') === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** kubectl's ROLES: from node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role label. */
export function nodeRoles(obj: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : NONE;
}

function address(obj: KubeObject, type: string): string {
  const a = arr(dig(obj, 'status', 'addresses')).find((x) => rec(x).type === type);
  return str(rec(a).address) ?? NONE;
}

function nodeInfo(obj: KubeObject, field: string): string {
  return str(dig(obj, 'status', 'nodeInfo', field)) ?? '<unknown>';
}

export const nodeKind = defineKind<Node>({
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  schema: NodeSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: 'Ready, NotReady or Unknown; SchedulingDisabled when cordoned.', value: nodeStatus },
    { name: 'Roles', type: 'string', jsonPath: '.metadata.labels', description: 'From node-role.kubernetes.io/<role> labels.', value: nodeRoles },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'Version', type: 'string', jsonPath: '.status.nodeInfo.kubeletVersion', value: (o) => str(dig(o, 'status', 'nodeInfo', 'kubeletVersion')) ?? '' },
    { name: 'Internal-IP', type: 'string', jsonPath: '.status.addresses[?(@.type=="InternalIP")].address', priority: 1, value: (o) => address(o, 'InternalIP') },
    { name: 'External-IP', type: 'string', jsonPath: '.status.addresses[?(@.type=="ExternalIP")].address', priority: 1, value: (o) => address(o, 'ExternalIP') },
    { name: 'OS-Image', type: 'string', jsonPath: '.status.nodeInfo.osImage', priority: 1, value: (o) => nodeInfo(o, 'osImage') },
    { name: 'Kernel-Version', type: 'string', jsonPath: '.status.nodeInfo.kernelVersion', priority: 1, value: (o) => nodeInfo(o, 'kernelVersion') },
    { name: 'Container-Runtime', type: 'string', jsonPath: '.status.nodeInfo.containerRuntimeVersion', priority: 1, value: (o) => nodeInfo(o, 'containerRuntimeVersion') },
  ],
  validate(node) {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    (node.spec?.taints ?? []).forEach((t, i) => {
      // The real apiserver allows one taint per key and effect.
      const id = `${t.key}:${t.effect}`;
      if (seen.has(id)) errs.push({ field: `spec.taints[${i}]`, message: `Duplicate value: taints must be unique by key and effect pair`, reason: 'FieldValueDuplicate' });
      seen.add(id);
      if (t.key === '') errs.push({ field: `spec.taints[${i}].key`, message: 'Required value', reason: 'FieldValueRequired' });
    });
    errs.push(...validateQuantityMap(node.status?.capacity, 'status.capacity'));
    errs.push(...validateQuantityMap(node.status?.allocatable, 'status.allocatable'));
    return errs;
  },
});
