// Rules Secret and ConfigMap share: key syntax, base64 payloads, the 1 MiB total, and `immutable`.
import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../../machinery/kind.ts';

const KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_KEY = 253;
export const MAX_TOTAL_BYTES = 1024 * 1024;
// Standard padded base64, as Go's encoding/json decodes []byte; line breaks are skipped like Go does.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(s: string): boolean {
  return BASE64.test(s.replace(/[\r\n]/g, ''));
}

export function base64Length(s: string): number {
  return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').length;
}

export function validateKey(key: string, path: string): FieldError[] {
  const field = `${path}[${key}]`;
  if (key.length > MAX_KEY) return [{ field, message: `Invalid value: "${key}": must be no more than ${MAX_KEY} characters`, reason: 'FieldValueInvalid' }];
  if (!KEY.test(key)) {
    return [{ field, message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`, reason: 'FieldValueInvalid' }];
  }
  if (key === '.' || key === '..' || key.startsWith('..')) {
    return [{ field, message: `Invalid value: "${key}": must not be '.' or '..' and must not start with '..'`, reason: 'FieldValueInvalid' }];
  }
  return [];
}

/** Keys must be valid and values proper base64 (Secret.data, ConfigMap.binaryData). */
export function validateBase64Map(map: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(map ?? {})) {
    errs.push(...validateKey(k, path));
    if (!isBase64(v)) {
      errs.push({ field: `${path}[${k}]`, message: 'Invalid value: illegal base64 data: values must be base64-encoded', reason: 'FieldValueInvalid' });
    }
  }
  return errs;
}

export function tooLong(total: number, field: string): FieldError[] {
  return total > MAX_TOTAL_BYTES ? [{ field, message: `Too long: must have at most ${MAX_TOTAL_BYTES} bytes`, reason: 'FieldValueTooLong' }] : [];
}

/** Once `immutable: true` is stored, the payload fields and the flag itself are frozen. */
export function validateImmutable(
  old: Record<string, unknown> | undefined,
  cur: Record<string, unknown>,
  payloadFields: string[],
): FieldError[] {
  if (!old || old.immutable !== true) return [];
  const errs: FieldError[] = [];
  const message = 'Forbidden: field is immutable when `immutable` is set';
  if (cur.immutable !== true) errs.push({ field: 'immutable', message, reason: 'FieldValueForbidden' });
  for (const f of payloadFields) {
    if (!isDeepStrictEqual(old[f] ?? {}, cur[f] ?? {})) errs.push({ field: f, message, reason: 'FieldValueForbidden' });
  }
  return errs;
}
