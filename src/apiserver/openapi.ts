// OpenAPI v3, one document per group-version, derived from the kind schemas. kubectl's strict
// field validation looks for the `fieldValidation` parameter on each kind's PATCH operation, and
// `kubectl explain` walks the schemas found by `x-kubernetes-group-version-kind`.
import { createHash } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import type { KindDefinition } from '../machinery/kind.ts';
import type { KindIndex } from './kind-index.ts';
import { buildOpenApiV2 } from './openapi-v2.ts';

type Json = Record<string, unknown>;

/** TypeBox's JSON Schema → OpenAPI 3.0's dialect (no patternProperties, no null type, no const). */
export function toOpenApiSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toOpenApiSchema);
  if (!s || typeof s !== 'object') return s;
  const src = s as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$id' || k === 'patternProperties') continue;
    out[k] = toOpenApiSchema(v);
  }
  if (src.patternProperties) {
    const vals = Object.values(src.patternProperties as Json);
    out.type = 'object';
    out.additionalProperties = vals.length > 0 ? toOpenApiSchema(vals[0]) : true;
    const inner = out.additionalProperties as Json;
    if (inner && Object.keys(inner).length === 0) out.additionalProperties = true;
  }
  if ('const' in src) {
    delete out.const;
    out.enum = [src.const];
    out.type = typeof src.const;
  }
  if (Array.isArray(src.anyOf)) {
    const alts = (out.anyOf as Json[]).filter((a) => a.type !== 'null');
    const nullable = alts.length !== (out.anyOf as Json[]).length;
    if (alts.length > 0 && alts.every((a) => Array.isArray(a.enum) && a.type === 'string')) {
      delete out.anyOf;
      out.type = 'string';
      out.enum = alts.flatMap((a) => a.enum as unknown[]);
    } else if (alts.length === 1) {
      delete out.anyOf;
      Object.assign(out, alts[0]);
    } else if (src['x-kubernetes-int-or-string']) {
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    } else {
      out.anyOf = alts;
    }
    if (nullable) out.nullable = true;
  }
  return out;
}

function schemaName(def: KindDefinition): string {
  const prefix = def.group ? def.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${prefix}.${def.version}.${def.kind}`;
}

const gvk = (def: KindDefinition) => [{ group: def.group, version: def.version, kind: def.kind }];

function queryParam(name: string, description: string, type = 'string'): Json {
  return { name, in: 'query', description, schema: { type }, uniqueItems: true };
}

const WRITE_PARAMS = [
  queryParam('dryRun', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  queryParam('fieldManager', 'A name associated with the actor or entity that is making these changes.'),
  queryParam('fieldValidation', 'How the server handles unknown fields: Ignore, Warn (default) or Strict.'),
];
const LIST_PARAMS = [
  queryParam('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
  queryParam('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
  queryParam('limit', 'Maximum number of responses to return for a list call.', 'integer'),
  queryParam('continue', 'The continue token of a previous, limited list.'),
  queryParam('resourceVersion', 'Where to start a watch or list.'),
  queryParam('watch', 'Watch for changes instead of listing.', 'boolean'),
  queryParam('allowWatchBookmarks', 'Send BOOKMARK events.', 'boolean'),
  queryParam('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
];

function op(def: KindDefinition, action: string, id: string, params: Json[], body = false, patch = false): Json {
  const ref = { $ref: `#/components/schemas/${schemaName(def)}` };
  const o: Json = {
    operationId: `${id}${def.kind}`,
    tags: [def.group || 'core'],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk(def)[0],
    parameters: params,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
  };
  if (body) {
    const types = patch
      ? ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']
      : ['application/json', 'application/yaml'];
    o.requestBody = { required: true, content: Object.fromEntries(types.map((t) => [t, { schema: patch ? { type: 'object' } : ref }])) };
  }
  return o;
}

function pathsFor(def: KindDefinition): Record<string, Json> {
  const base = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const coll = def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}` : `${base}/${def.plural}`;
  const item = `${coll}/{name}`;
  const pathParams: Json[] = [
    ...(def.namespaced ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }] : []),
  ];
  const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
  const paths: Record<string, Json> = {
    [coll]: {
      parameters: pathParams,
      get: op(def, 'list', 'list', LIST_PARAMS),
      post: op(def, 'post', 'create', WRITE_PARAMS, true),
      delete: op(def, 'deletecollection', 'deleteCollection', [...LIST_PARAMS, ...WRITE_PARAMS]),
    },
    [item]: {
      parameters: [...pathParams, nameParam],
      get: op(def, 'get', 'read', []),
      put: op(def, 'put', 'replace', WRITE_PARAMS, true),
      patch: op(def, 'patch', 'patch', [...WRITE_PARAMS, queryParam('force', 'Force apply over conflicts.', 'boolean')], true, true),
      delete: op(def, 'delete', 'delete', [...WRITE_PARAMS, queryParam('propagationPolicy', 'Orphan, Background or Foreground.')]),
    },
  };
  if (def.namespaced) paths[`${base}/${def.plural}`] = { get: op(def, 'list', 'listAllNamespaces', LIST_PARAMS) };
  if (def.hasStatus) {
    paths[`${item}/status`] = {
      parameters: [...pathParams, nameParam],
      get: op(def, 'get', 'readStatus', []),
      put: op(def, 'put', 'replaceStatus', WRITE_PARAMS, true),
      patch: op(def, 'patch', 'patchStatus', [...WRITE_PARAMS, queryParam('force', 'Force apply over conflicts.', 'boolean')], true, true),
    };
  }
  return paths;
}

export class OpenApi {
  private docs = new Map<string, { body: string; hash: string }>();
  /** The same documents as one OpenAPI v2 protobuf (for older kubectl). */
  readonly v2: Buffer;

  constructor(index: KindIndex) {
    const v3docs: Record<string, unknown>[] = [];
    for (const [group, versions] of index.groups()) {
      for (const [version, kinds] of versions) {
        const key = group ? `apis/${group}/${version}` : `api/${version}`;
        const schemas: Json = {};
        let paths: Record<string, Json> = {};
        for (const def of kinds) {
          const s = toOpenApiSchema(def.schema as TSchema) as Json;
          s['x-kubernetes-group-version-kind'] = gvk(def);
          schemas[schemaName(def)] = s;
          paths = { ...paths, ...pathsFor(def) };
        }
        const doc = {
          openapi: '3.0.0',
          info: { title: 'Vireo', version: group ? `${group}/${version}` : version },
          paths,
          components: { schemas },
        };
        v3docs.push(doc);
        const body = JSON.stringify(doc);
        this.docs.set(key, { body, hash: createHash('sha512').update(body).digest('hex').slice(0, 64).toUpperCase() });
      }
    }
    this.v2 = buildOpenApiV2(v3docs);
  }

  index(): Json {
    const paths: Json = {};
    for (const [key, d] of this.docs) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${d.hash}` };
    return { paths };
  }

  /** `key` is `api/v1` or `apis/GROUP/VERSION`. */
  document(key: string): string | undefined {
    return this.docs.get(key)?.body;
  }
}
