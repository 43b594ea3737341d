// core/v1 ResourceQuota: per-namespace limits the quota controller tracks (seed 004 §6.13.1 —
// VMs count their requests and, when limits are quota'd, their limits).
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, QuantitySchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { stringEnum } from './enum.ts';
import { QuantityMapSchema, validateQuantityMap, type QuantityMap } from './quantities.ts';

const ScopeSchema = stringEnum(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass']);

const ResourceQuotaSpecSchema = Type.Object(
  {
    hard: Type.Optional(Type.Record(Type.String(), QuantitySchema, { description: 'Hard limits per resource, e.g. {requests.memory: 4Gi, limits.cpu: 4}.' })),
    scopes: Type.Optional(Type.Array(ScopeSchema)),
    scopeSelector: Type.Optional(FreeFormSchema),
  },
  { additionalProperties: false },
);

const ResourceQuotaStatusSchema = Type.Object(
  {
    hard: Type.Optional(QuantityMapSchema),
    used: Type.Optional(QuantityMapSchema),
  },
  { additionalProperties: false },
);

export const ResourceQuotaSchema = objectSchema({
  spec: ResourceQuotaSpecSchema,
  status: ResourceQuotaStatusSchema,
  description: 'ResourceQuota sets aggregate quota restrictions enforced per namespace.',
});

export type ResourceQuota = KubeObject & { spec?: { hard?: QuantityMap; scopes?: Static<typeof ScopeSchema>[] }; status?: { hard?: QuantityMap; used?: QuantityMap } };

/** kubectl's REQUEST and LIMIT cells: "requests.memory: 1Gi/4Gi, pods: 1/10" (used/hard), sorted by name. */
export function quotaColumns(o: KubeObject): { request: string; limit: string } {
  const q = o as ResourceQuota;
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(q.spec?.hard ?? {}).sort()) {
    const used = q.status?.used?.[name] ?? 0;
    const hard = q.status?.hard?.[name] ?? 0;
    (name.startsWith('limits.') ? limit : request).push(`${name}: ${used}/${hard}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

// Names the quota controller understands; others (a typo such as "request.memory") are refused
// rather than silently limiting nothing. Names with a "/" (count/…, example.com/gpu) are extended.
const STANDARD = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);

function isQuotaResource(name: string): boolean {
  return STANDARD.has(name) || name.includes('/') || /^(requests\.|limits\.)?hugepages-/.test(name);
}

export const resourceQuotaKind = defineKind<ResourceQuota>({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  schema: ResourceQuotaSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'Request', type: 'string', jsonPath: '.status.used', description: 'used/hard of each non-limit resource.', value: (o) => quotaColumns(o).request },
    { name: 'Limit', type: 'string', jsonPath: '.status.used', description: 'used/hard of each limits.* resource.', value: (o) => quotaColumns(o).limit },
  ],
  validate(q) {
    const errs: FieldError[] = [];
    for (const name of Object.keys(q.spec?.hard ?? {})) {
      if (!isQuotaResource(name)) {
        errs.push({ field: `spec.hard[${name}]`, message: `Invalid value: "${name}": must be a standard resource for quota`, reason: 'FieldValueInvalid' });
      }
    }
    errs.push(...validateQuantityMap(q.spec?.hard, 'spec.hard'));
    return errs;
  },
});
