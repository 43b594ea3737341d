// core/v1 Pod: Vireo runs no containers; pods exist so kubectl users and tools that expect the
// virt-launcher pod of a VM (names, node, IP, phase) find one. Only the fields Vireo reads are
// declared; the rest of the huge PodSpec is kept unchecked so real manifests still apply.
import { isDeepStrictEqual } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { validateDnsLabel } from '../common/names.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import { NONE, dig, str } from './cells.ts';
import { stringEnum } from './enum.ts';
import { podReadinessGates, podSummary } from './pod-summary.ts';
import { QuantityMapSchema, validateQuantityMap } from './quantities.ts';
import { TolerationSchema, validateTolerations } from './toleration.ts';

const OPEN = { additionalProperties: true, 'x-kubernetes-preserve-unknown-fields': true } as const;

const ContainerPortSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    containerPort: Type.Integer({ minimum: 1, maximum: 65535 }),
    hostPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    hostIP: Type.Optional(Type.String()),
    protocol: Type.Optional(stringEnum(['TCP', 'UDP', 'SCTP'])),
  },
  { additionalProperties: false },
);

const ResourceRequirementsSchema = Type.Object(
  {
    limits: Type.Optional(QuantityMapSchema),
    requests: Type.Optional(QuantityMapSchema),
    claims: Type.Optional(Type.Array(FreeFormSchema)),
  },
  { additionalProperties: false },
);

const ContainerSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the container, a DNS label unique within the pod.' }),
    image: Type.Optional(Type.String()),
    command: Type.Optional(Type.Array(Type.String())),
    args: Type.Optional(Type.Array(Type.String())),
    env: Type.Optional(Type.Array(FreeFormSchema)),
    resources: Type.Optional(ResourceRequirementsSchema),
    ports: Type.Optional(Type.Array(ContainerPortSchema)),
    imagePullPolicy: Type.Optional(stringEnum(['Always', 'IfNotPresent', 'Never'])),
  },
  OPEN,
);
type Container = Static<typeof ContainerSchema>;

const PodSpecSchema = Type.Object(
  {
    nodeName: Type.Optional(Type.String({ description: 'The node the pod is bound to; set by the scheduler.' })),
    containers: Type.Array(ContainerSchema, { description: 'The containers of the pod; at least one.' }),
    initContainers: Type.Optional(Type.Array(ContainerSchema)),
    schedulerName: Type.Optional(Type.String()),
    nodeSelector: Type.Optional(Type.Record(Type.String(), Type.String())),
    affinity: Type.Optional(FreeFormSchema),
    tolerations: Type.Optional(Type.Array(TolerationSchema)),
    restartPolicy: Type.Optional(stringEnum(['Always', 'OnFailure', 'Never'])),
    hostname: Type.Optional(Type.String()),
    subdomain: Type.Optional(Type.String()),
    volumes: Type.Optional(Type.Array(FreeFormSchema)),
    readinessGates: Type.Optional(Type.Array(Type.Object({ conditionType: Type.String() }, { additionalProperties: false }))),
    terminationGracePeriodSeconds: Type.Optional(Type.Integer()),
    activeDeadlineSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
    serviceAccountName: Type.Optional(Type.String()),
    priorityClassName: Type.Optional(Type.String()),
    priority: Type.Optional(Type.Integer()),
    dnsPolicy: Type.Optional(stringEnum(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'])),
  },
  OPEN,
);

const PodStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])),
    podIP: Type.Optional(Type.String()),
    podIPs: Type.Optional(Type.Array(Type.Object({ ip: Type.String() }, { additionalProperties: false }))),
    hostIP: Type.Optional(Type.String()),
    hostIPs: Type.Optional(Type.Array(Type.Object({ ip: Type.String() }, { additionalProperties: false }))),
    nominatedNodeName: Type.Optional(Type.String()),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    startTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    containerStatuses: Type.Optional(Type.Array(FreeFormSchema)),
    initContainerStatuses: Type.Optional(Type.Array(FreeFormSchema)),
    qosClass: Type.Optional(stringEnum(['Guaranteed', 'Burstable', 'BestEffort'])),
    reason: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
  },
  OPEN,
);

export const PodSchema = objectSchema({ spec: PodSpecSchema, status: PodStatusSchema, description: 'Pod is a group of containers; in Vireo, the launcher of a VM.' });

export type Pod = KubeObject & { spec?: Static<typeof PodSpecSchema>; status?: Static<typeof PodStatusSchema> };

const UPDATABLE_MESSAGE =
  'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds`';

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((c, i) => {
    const p = `${path}[${i}]`;
    for (const m of validateDnsLabel(c.name)) errs.push({ field: `${p}.name`, message: m, reason: 'FieldValueInvalid' });
    if (names.has(c.name)) errs.push({ field: `${p}.name`, message: `Duplicate value: "${c.name}"`, reason: 'FieldValueDuplicate' });
    names.add(c.name);
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    errs.push(...validateQuantityMap(limits, `${p}.resources.limits`));
    errs.push(...validateQuantityMap(requests, `${p}.resources.requests`));
    for (const [res, raw] of Object.entries(requests)) {
      const req = tryParseQuantity(raw);
      const lim = tryParseQuantity(limits[res]);
      if (req !== undefined && lim !== undefined && req > lim) {
        errs.push({ field: `${p}.resources.requests[${res}]`, message: `Invalid value: "${raw}": must be less than or equal to ${res} limit of ${limits[res]}`, reason: 'FieldValueInvalid' });
      }
    }
  });
  return errs;
}

/** The spec with the fields an update may change blanked out, for comparison. */
function frozenPart(spec: Pod['spec'], nodeNameWasSet: boolean): unknown {
  if (!spec) return undefined;
  const { containers, initContainers, activeDeadlineSeconds: _a, tolerations: _t, terminationGracePeriodSeconds: _g, nodeName, ...rest } = spec;
  const noImage = (cs: Container[] | undefined) => cs?.map(({ image: _i, ...c }) => c);
  return { ...rest, containers: noImage(containers), initContainers: noImage(initContainers), nodeName: nodeNameWasSet ? nodeName : undefined };
}

export const podKind = defineKind<Pod>({
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  schema: PodSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Ready', type: 'string', jsonPath: '.status.containerStatuses', description: 'Ready containers / all containers.', value: (o) => podSummary(o).ready },
    { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'The phase, or the reason a container is not running.', value: (o) => podSummary(o).status },
    { name: 'Restarts', type: 'integer', jsonPath: '.status.containerStatuses', description: 'Container restarts.', value: (o) => podSummary(o).restarts },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'IP', type: 'string', jsonPath: '.status.podIP', priority: 1, value: (o) => str(dig(o, 'status', 'podIP')) ?? NONE },
    { name: 'Node', type: 'string', jsonPath: '.spec.nodeName', priority: 1, value: (o) => str(dig(o, 'spec', 'nodeName')) ?? NONE },
    { name: 'Nominated Node', type: 'string', jsonPath: '.status.nominatedNodeName', priority: 1, value: (o) => str(dig(o, 'status', 'nominatedNodeName')) ?? NONE },
    { name: 'Readiness Gates', type: 'string', jsonPath: '.spec.readinessGates', priority: 1, value: podReadinessGates },
  ],
  defaults(pod) {
    if (pod.spec) {
      pod.spec.restartPolicy ??= 'Always';
      pod.spec.schedulerName ??= 'default-scheduler';
      pod.spec.dnsPolicy ??= 'ClusterFirst';
      pod.spec.terminationGracePeriodSeconds ??= 30;
      for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
        for (const port of c.ports ?? []) port.protocol ??= 'TCP';
      }
    }
    pod.status ??= {};
    pod.status.phase ??= 'Pending';
  },
  validate(pod, ctx) {
    const errs: FieldError[] = [];
    const spec = pod.spec;
    if (!spec) return [{ field: 'spec', message: 'Required value', reason: 'FieldValueRequired' }];
    if (spec.containers.length === 0) errs.push({ field: 'spec.containers', message: 'Required value', reason: 'FieldValueRequired' });
    const names = new Set<string>();
    errs.push(...validateContainers(spec.containers, 'spec.containers', names));
    errs.push(...validateContainers(spec.initContainers, 'spec.initContainers', names));
    errs.push(...validateTolerations(spec.tolerations, 'spec.tolerations'));
    if (ctx.operation === 'UPDATE' && ctx.old) {
      const old = ctx.old as Pod;
      const nodeNameWasSet = !!old.spec?.nodeName;
      if (!isDeepStrictEqual(frozenPart(old.spec, nodeNameWasSet), frozenPart(spec, nodeNameWasSet))) {
        errs.push({ field: 'spec', message: UPDATABLE_MESSAGE, reason: 'FieldValueForbidden' });
      }
    }
    return errs;
  },
});
