// Test helpers for kind definitions: schema errors as readable strings, and admission (defaults
// then validate) as the apiserver runs it.
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import type { AdmissionContext, FieldError, KindDefinition } from '../../machinery/kind.ts';
import type { KubeObject } from '../../machinery/object.ts';

export function schemaErrors(schema: TSchema, obj: unknown): string[] {
  return [...Value.Errors(schema, obj)].map((e) => `${e.path}: ${e.message}`);
}

export function yamlObject<T extends KubeObject = KubeObject>(text: string): T {
  return parse(text) as T;
}

export const createCtx: AdmissionContext = { operation: 'CREATE', get: async () => undefined };

export function updateCtx(old: KubeObject): AdmissionContext {
  return { operation: 'UPDATE', old, get: async () => undefined };
}

/** Runs defaults then validate, like admission does. */
export async function admit<T extends KubeObject>(def: KindDefinition<T>, obj: T, ctx: AdmissionContext = createCtx): Promise<FieldError[]> {
  def.defaults?.(obj);
  return (await def.validate?.(obj, ctx)) ?? [];
}

/** Only field and message, for exact comparisons. */
export function brief(errs: FieldError[]): { field: string; message: string }[] {
  return errs.map(({ field, message }) => ({ field, message }));
}
