// Decodes the core/v1 objects kubectl's typed clients create with protobuf bodies (`kubectl create
// namespace|configmap|secret`) into the JSON shape the rest of the server handles. Field numbers are
// those of k8s.io/api/core/v1/generated.proto and apimachinery's meta/v1 and runtime protos.
import { mapEntries, readFields, str, WireError, type Field } from './wire.ts';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

function stringMap(fields: Field[], no: number): Record<string, string> | undefined {
  const e = mapEntries(fields, no);
  return e.length ? Object.fromEntries(e.map(([k, v]) => [k, v.toString('utf8')])) : undefined;
}

function objectMeta(buf: Buffer): Record<string, unknown> {
  const f = readFields(buf);
  const get = (n: number) => str(f.find((x) => x.no === n));
  const meta: Record<string, unknown> = {};
  if (get(1)) meta.name = get(1);
  if (get(2)) meta.generateName = get(2);
  if (get(3)) meta.namespace = get(3);
  if (get(6)) meta.resourceVersion = get(6);
  const labels = stringMap(f, 11);
  if (labels) meta.labels = labels;
  const annotations = stringMap(f, 12);
  if (annotations) meta.annotations = annotations;
  const finalizers = f.filter((x) => x.no === 14).map((x) => str(x)!);
  if (finalizers.length) meta.finalizers = finalizers;
  return meta;
}

function decodeNamespace(f: Field[]): Record<string, unknown> {
  const spec = f.find((x) => x.no === 2)?.bytes;
  const finalizers = spec ? readFields(spec).filter((x) => x.no === 1).map((x) => str(x)!) : [];
  return finalizers.length ? { spec: { finalizers } } : {};
}

function decodeConfigMap(f: Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const data = stringMap(f, 2);
  if (data) out.data = data;
  const bin = mapEntries(f, 3);
  if (bin.length) out.binaryData = Object.fromEntries(bin.map(([k, v]) => [k, v.toString('base64')]));
  const imm = f.find((x) => x.no === 4);
  if (imm) out.immutable = imm.int === 1n;
  return out;
}

function decodeSecret(f: Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const data = mapEntries(f, 2);
  if (data.length) out.data = Object.fromEntries(data.map(([k, v]) => [k, v.toString('base64')]));
  const type = str(f.find((x) => x.no === 3));
  if (type) out.type = type;
  const sd = stringMap(f, 4);
  if (sd) out.stringData = sd;
  const imm = f.find((x) => x.no === 5);
  if (imm) out.immutable = imm.int === 1n;
  return out;
}

const decoders: Record<string, (f: Field[]) => Record<string, unknown>> = {
  Namespace: decodeNamespace,
  ConfigMap: decodeConfigMap,
  Secret: decodeSecret,
};

/** Returns the object as JSON, or throws with a message naming what is not supported. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new WireError('not a Kubernetes protobuf envelope');
  const unknown = readFields(body.subarray(4));
  const typeMeta = unknown.find((x) => x.no === 1)?.bytes;
  const raw = unknown.find((x) => x.no === 2)?.bytes;
  if (!typeMeta || !raw) throw new WireError('protobuf envelope without type or body');
  const tm = readFields(typeMeta);
  const apiVersion = str(tm.find((x) => x.no === 1)) ?? '';
  const kind = str(tm.find((x) => x.no === 2)) ?? '';
  const decode = decoders[kind];
  if (apiVersion !== 'v1' || !decode) throw new WireError(`protobuf bodies are accepted only for v1 ${Object.keys(decoders).join(', ')}; send ${apiVersion}/${kind} as JSON`);
  const fields = readFields(raw);
  const meta = fields.find((x) => x.no === 1)?.bytes;
  return { apiVersion, kind, metadata: meta ? objectMeta(meta) : {}, ...decode(fields) };
}
