// Processing a Template as `oc process` does: every parameter gets its value (given, else
// generated, else its default), required ones must have one, then each string in the objects has
// `${NAME}` replaced by the value; a string that is exactly `${{NAME}}` becomes the value parsed as
// JSON (a number, boolean, object), so `replicas: ${{COUNT}}` stays a number.
import type { FieldError } from '../../machinery/kind.ts';
import { generateFromExpression } from './expression.ts';
import type { Template, TemplateParameter } from './template.ts';

export type ProcessResult = { template: Template } | { errors: FieldError[] };

const PLACEHOLDER = /\$\{\{?([a-zA-Z0-9_]+)\}?\}/g;
const WHOLE_JSON = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/;

/** Values for each parameter; `overrides` (from -p KEY=VALUE) win over the template's own. */
export function resolveParameters(params: TemplateParameter[], overrides: Record<string, string> = {}): { params: TemplateParameter[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set(params.map((p) => p.name));
  for (const k of Object.keys(overrides)) {
    if (!known.has(k)) errors.push({ field: 'template.parameters', message: `Not found: parameter ${k} is not defined by the template`, reason: 'FieldValueNotSupported' });
  }
  const out = params.map((p, i) => {
    const q = { ...p };
    if (overrides[p.name] !== undefined) q.value = overrides[p.name];
    if (!q.value && q.generate === 'expression') {
      try {
        q.value = generateFromExpression(q.from ?? '');
      } catch (e) {
        errors.push({ field: `template.parameters[${i}]`, message: `Invalid value: ${(e as Error).message}`, reason: 'FieldValueInvalid' });
      }
    }
    if (q.required && !q.value) {
      errors.push({ field: `template.parameters[${i}]`, message: `Required value: parameter ${p.name} is required and must be specified`, reason: 'FieldValueRequired' });
    }
    return q;
  });
  return { params: out, errors };
}

function substituteString(s: string, values: Map<string, string>): unknown {
  const whole = WHOLE_JSON.exec(s);
  if (whole && values.has(whole[1])) {
    const v = values.get(whole[1])!;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return s.replace(PLACEHOLDER, (m, name: string) => values.get(name) ?? m);
}

/** Every string inside `v` with placeholders filled; object keys are left as they are. */
export function substitute(v: unknown, values: Map<string, string>): unknown {
  if (typeof v === 'string') return substituteString(v, values);
  if (Array.isArray(v)) return v.map((x) => substitute(x, values));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, values)]));
  return v;
}

function withLabels(obj: Record<string, unknown>, labels: Record<string, string> | undefined): Record<string, unknown> {
  if (!labels || Object.keys(labels).length === 0) return obj;
  const meta = (obj.metadata ?? {}) as { labels?: Record<string, string> };
  return { ...obj, metadata: { ...meta, labels: { ...labels, ...(meta.labels ?? {}) } } };
}

export function processTemplate(t: Template, overrides: Record<string, string> = {}): ProcessResult {
  const { params, errors } = resolveParameters(t.parameters ?? [], overrides);
  if (errors.length > 0) return { errors };
  const values = new Map(params.map((p) => [p.name, p.value ?? '']));
  const labels = substitute(t.labels ?? {}, values) as Record<string, string>;
  const objects = (t.objects ?? []).map((o) => withLabels(substitute(o, values) as Record<string, unknown>, labels));
  const template: Template = { ...t, parameters: params, objects };
  if (t.message !== undefined) template.message = substitute(t.message, values) as string;
  return { template };
}
