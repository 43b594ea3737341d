// String enums as unions of literals: the schema checker reports them as "Unsupported value: …:
// supported values: …", the wording kubectl users know from the real apiserver.
import { Type, type TLiteral, type TUnion, type SchemaOptions } from '@sinclair/typebox';

export function stringEnum<const V extends readonly string[]>(values: V, opts: SchemaOptions = {}): TUnion<TLiteral<V[number]>[]> {
  return Type.Union(
    values.map((v: V[number]) => Type.Literal(v)),
    opts,
  );
}
