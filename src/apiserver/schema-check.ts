// Checks an object against its kind's TypeBox schema. Unknown fields are reported apart from
// other errors, because kubectl's field validation decides what happens to them (refuse, warn, drop).
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { FieldError } from '../machinery/kind.ts';

export interface SchemaCheckResult {
  errors: FieldError[];
  /** Dotted paths of fields the schema does not declare. */
  unknownFields: string[];
  /** JSON pointers of the same unknown fields, for pruning. */
  unknownPointers: string[];
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker(schema: TSchema): TypeCheck<TSchema> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

/** `/spec/disks/0/name` → `spec.disks[0].name` (the form Kubernetes uses in causes). */
export function pointerToField(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describeExpected(schema: TSchema, value: unknown): { message: string; reason: FieldError['reason'] } {
  const alts = (schema.anyOf ?? []) as TSchema[];
  if (alts.length > 0 && alts.every((a) => a.const !== undefined)) {
    const allowed = alts.map((a) => JSON.stringify(a.const)).join(', ');
    return { message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed}`, reason: 'FieldValueNotSupported' };
  }
  if (schema['x-kubernetes-int-or-string']) {
    return { message: `Invalid value: ${JSON.stringify(value)}: must be a quantity (a string such as "1Gi" or a number)`, reason: 'FieldValueInvalid' };
  }
  const types = alts.length > 0 ? alts.map((a) => a.type ?? 'object').join(' or ') : String(schema.type ?? 'value');
  return { message: `Invalid value: ${JSON.stringify(value)}: expected ${types}`, reason: 'FieldValueInvalid' };
}

export function checkSchema(schema: TSchema, obj: unknown): SchemaCheckResult {
  const c = checker(schema);
  if (c.Check(obj)) return { errors: [], unknownFields: [], unknownPointers: [] };
  const errors: FieldError[] = [];
  const unknownFields: string[] = [];
  const unknownPointers: string[] = [];
  const seen = new Set<string>();
  for (const e of c.Errors(obj)) {
    if (e.type === ValueErrorType.ObjectAdditionalProperties) {
      unknownPointers.push(e.path);
      unknownFields.push(pointerToField(e.path));
      continue;
    }
    // One message per field: TypeBox reports "required" and "expected string" for the same path.
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const field = pointerToField(e.path);
    if (e.type === ValueErrorType.ObjectRequiredProperty) {
      errors.push({ field, message: 'Required value', reason: 'FieldValueRequired' });
    } else if (e.type === ValueErrorType.Union || e.type === ValueErrorType.Kind) {
      errors.push({ field, ...describeExpected(e.schema, e.value) });
    } else {
      errors.push({ field, message: `Invalid value: ${JSON.stringify(e.value)}: ${e.message.toLowerCase()}`, reason: 'FieldValueInvalid' });
    }
  }
  return { errors, unknownFields, unknownPointers };
}

/** Removes the fields at the given JSON pointers (deepest first so indexes stay valid). */
export function pruneFields(obj: Record<string, unknown>, pointers: string[]): void {
  for (const p of [...pointers].sort().reverse()) {
    const segs = p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = segs.pop();
    let cur: unknown = obj;
    for (const s of segs) cur = (cur as Record<string, unknown> | undefined)?.[s];
    if (cur && typeof cur === 'object' && last !== undefined) delete (cur as Record<string, unknown>)[last];
  }
}
