// core/v1 Service: a stable address in front of VMs selected by label (`virtctl expose`).
// Fields Vireo does not route by are kept but not checked.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { NONE } from './cells.ts';
import { stringEnum } from './enum.ts';

const ServicePortSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Required when the service has more than one port.' })),
    port: Type.Integer({ minimum: 1, maximum: 65535, description: 'The port the service exposes.' }),
    targetPort: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()], { 'x-kubernetes-int-or-string': true })),
    nodePort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    protocol: Type.Optional(stringEnum(['TCP', 'UDP', 'SCTP'])),
    appProtocol: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const ServiceSpecSchema = Type.Object(
  {
    type: Type.Optional(stringEnum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'])),
    ports: Type.Optional(Type.Array(ServicePortSchema)),
    selector: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Routes traffic to pods/VMs with these labels.' })),
    clusterIP: Type.Optional(Type.String()),
    clusterIPs: Type.Optional(Type.Array(Type.String())),
    externalIPs: Type.Optional(Type.Array(Type.String())),
    externalName: Type.Optional(Type.String()),
    sessionAffinity: Type.Optional(stringEnum(['None', 'ClientIP'])),
  },
  { additionalProperties: true, 'x-kubernetes-preserve-unknown-fields': true },
);
type ServiceSpec = Static<typeof ServiceSpecSchema>;

const ServiceStatusSchema = Type.Object(
  {
    loadBalancer: Type.Optional(
      Type.Object(
        { ingress: Type.Optional(Type.Array(Type.Object({ ip: Type.Optional(Type.String()), hostname: Type.Optional(Type.String()) }, { additionalProperties: true }))) },
        { additionalProperties: false },
      ),
    ),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  { additionalProperties: false },
);

export const ServiceSchema = objectSchema({ spec: ServiceSpecSchema, status: ServiceStatusSchema, description: 'Service is a named abstraction of a network service.' });

export type Service = KubeObject & { spec?: ServiceSpec; status?: Static<typeof ServiceStatusSchema> };

function externalIP(o: KubeObject): string {
  const svc = o as Service;
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : NONE;
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s);
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(o: KubeObject): string {
  const list = (o as Service).spec?.ports ?? [];
  if (!list.length) return NONE;
  return list.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function selector(o: KubeObject): string {
  const sel = (o as Service).spec?.selector ?? {};
  const keys = Object.keys(sel).sort();
  return keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(',') : NONE;
}

export const serviceKind = defineKind<Service>({
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  schema: ServiceSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP', value: (o) => (o as Service).spec?.clusterIP || NONE },
    { name: 'External-IP', type: 'string', jsonPath: '.spec.externalIPs', value: externalIP },
    { name: 'Port(s)', type: 'string', jsonPath: '.spec.ports', value: ports },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'Selector', type: 'string', jsonPath: '.spec.selector', priority: 1, value: selector },
  ],
  defaults(svc) {
    svc.spec ??= {};
    svc.spec.type ??= 'ClusterIP';
    svc.spec.sessionAffinity ??= 'None';
    for (const p of svc.spec.ports ?? []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
  },
  validate(svc) {
    const errs: FieldError[] = [];
    const spec = svc.spec ?? {};
    const list = spec.ports ?? [];
    if (spec.type === 'ExternalName') {
      if (!spec.externalName) errs.push({ field: 'spec.externalName', message: 'Required value', reason: 'FieldValueRequired' });
    } else if (list.length === 0 && spec.clusterIP !== 'None') {
      errs.push({ field: 'spec.ports', message: 'Required value', reason: 'FieldValueRequired' });
    }
    const names = new Set<string>();
    const portProtos = new Set<string>();
    list.forEach((p, i) => {
      const path = `spec.ports[${i}]`;
      if (list.length > 1 && !p.name) errs.push({ field: `${path}.name`, message: 'Required value', reason: 'FieldValueRequired' });
      if (p.name) {
        if (names.has(p.name)) errs.push({ field: `${path}.name`, message: `Duplicate value: "${p.name}"`, reason: 'FieldValueDuplicate' });
        names.add(p.name);
      }
      const id = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (portProtos.has(id)) errs.push({ field: path, message: `Duplicate value: ${id}`, reason: 'FieldValueDuplicate' });
      portProtos.add(id);
      if (p.nodePort && (spec.type ?? 'ClusterIP') === 'ClusterIP') {
        errs.push({ field: `${path}.nodePort`, message: "Forbidden: may not be used when `type` is 'ClusterIP'", reason: 'FieldValueForbidden' });
      }
    });
    return errs;
  },
});
