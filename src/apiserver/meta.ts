// Small helpers for object metadata that the generic REST layer applies to every kind.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KindDefinition } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function nowTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Kubernetes' generateName alphabet: no vowels (no accidental words) and no look-alike digits.
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export function randomSuffix(n = 5): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += NAME_ALPHABET[b % NAME_ALPHABET.length];
  return s;
}

export function deepCopy<T>(v: T): T {
  return structuredClone(v);
}

const NON_SPEC = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** The fields whose change bumps `metadata.generation`. */
export function specOf(def: KindDefinition, obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = def.specFields ?? Object.keys(obj).filter((k) => !NON_SPEC.has(k));
  for (const k of fields) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

export function specChanged(def: KindDefinition, a: KubeObject, b: KubeObject): boolean {
  return !isDeepStrictEqual(specOf(def, a), specOf(def, b));
}

/** Field lookup for field selectors: any dotted path into the object (a superset of Kubernetes'). */
export function fieldGetter(obj: KubeObject): (field: string) => string | undefined {
  return (field) => {
    let cur: unknown = obj;
    for (const seg of field.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
    if (cur === undefined || cur === null) return field === 'metadata.namespace' ? '' : undefined;
    return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
  };
}
