// OpenAPI v2 as gnostic protobuf, for kubectl builds (1.27) that still read v2 to decide whether
// the server validates fields (the `fieldValidation` parameter on each PATCH) and for `explain`.
// Built from the same v3 documents, so the two never disagree. Field numbers follow gnostic's
// openapiv2/OpenAPIv2.proto.
import { ProtoWriter } from './protobuf/writer.ts';

type Json = Record<string, unknown>;

export const OPENAPI_V2_PROTO_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const w = () => new ProtoWriter();

function namedAny(name: string, yaml: string): ProtoWriter {
  return w().string(1, name).message(2, w().string(2, yaml));
}

function gvkYaml(v: unknown): string {
  const list = Array.isArray(v) ? v : [v];
  return list.map((g: Json) => `- group: "${String(g.group)}"\n  kind: ${String(g.kind)}\n  version: ${String(g.version)}\n`).join('');
}

function schema(s: Json | undefined): ProtoWriter {
  const out = w();
  if (!s) return out;
  if (typeof s.$ref === 'string') out.string(1, s.$ref.replace('#/components/schemas/', '#/definitions/'));
  out.string(2, s.format as string | undefined);
  out.string(4, s.description as string | undefined);
  for (const r of (s.required as string[] | undefined) ?? []) out.string(19, r);
  for (const e of (s.enum as unknown[] | undefined) ?? []) out.message(20, w().string(2, typeof e === 'string' ? e : JSON.stringify(e)));
  const ap = s.additionalProperties;
  if (ap === true) out.message(21, w().bool(2, true));
  else if (ap && typeof ap === 'object') out.message(21, w().message(1, schema(ap as Json)));
  if (typeof s.type === 'string') out.message(22, w().string(1, s.type));
  if (s.items && typeof s.items === 'object') out.message(23, w().message(1, schema(s.items as Json)));
  const props = s.properties as Record<string, Json> | undefined;
  if (props) {
    const p = w();
    for (const [name, v] of Object.entries(props)) p.message(1, w().string(1, name).message(2, schema(v)));
    out.message(25, p);
  }
  if (s['x-kubernetes-group-version-kind']) out.message(31, namedAny('x-kubernetes-group-version-kind', gvkYaml(s['x-kubernetes-group-version-kind'])));
  if (s['x-kubernetes-int-or-string']) out.message(31, namedAny('x-kubernetes-int-or-string', 'true'));
  if (s['x-kubernetes-preserve-unknown-fields']) out.message(31, namedAny('x-kubernetes-preserve-unknown-fields', 'true'));
  return out;
}

function parameter(p: Json): ProtoWriter {
  const inPath = p.in === 'path';
  const sub = w()
    .bool(1, p.required === true)
    .string(2, p.in as string)
    .string(3, p.description as string | undefined)
    .string(4, p.name as string)
    .string(inPath ? 5 : 6, ((p.schema as Json | undefined)?.type as string | undefined) ?? 'string');
  return w().message(1, w().message(2, w().message(inPath ? 4 : 3, sub)));
}

function operation(op: Json): ProtoWriter {
  const o = w();
  for (const t of (op.tags as string[] | undefined) ?? []) o.string(1, t);
  o.string(5, op.operationId as string | undefined);
  for (const p of (op.parameters as Json[] | undefined) ?? []) o.message(8, parameter(p));
  o.message(9, w().message(1, w().string(1, '200').message(2, w().message(1, w().string(1, 'OK')))));
  if (op['x-kubernetes-action']) o.message(13, namedAny('x-kubernetes-action', String(op['x-kubernetes-action'])));
  if (op['x-kubernetes-group-version-kind']) {
    const g = op['x-kubernetes-group-version-kind'] as Json;
    o.message(13, namedAny('x-kubernetes-group-version-kind', `group: "${String(g.group)}"\nkind: ${String(g.kind)}\nversion: ${String(g.version)}\n`));
  }
  return o;
}

const METHODS: [string, number][] = [['get', 2], ['put', 3], ['post', 4], ['delete', 5], ['patch', 8]];

/** Merges every v3 document into one v2 protobuf document. */
export function buildOpenApiV2(docs: Json[]): Buffer {
  const paths = w();
  const defs = w();
  for (const d of docs) {
    for (const [path, item] of Object.entries(d.paths as Record<string, Json>)) {
      const pi = w();
      for (const [m, no] of METHODS) if (item[m]) pi.message(no, operation(item[m] as Json));
      for (const p of (item.parameters as Json[] | undefined) ?? []) pi.message(9, parameter(p));
      paths.message(2, w().string(1, path).message(2, pi));
    }
    for (const [name, s] of Object.entries(((d.components as Json).schemas as Record<string, Json>) ?? {})) {
      defs.message(1, w().string(1, name).message(2, schema(s)));
    }
  }
  return w()
    .string(1, '2.0')
    .message(2, w().string(1, 'Vireo').string(2, 'v1.32.0'))
    .message(8, paths)
    .message(9, defs)
    .finish();
}
