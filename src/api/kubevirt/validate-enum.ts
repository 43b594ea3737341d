// One check for every enum field: the message names the field, the value and the allowed values.
import type { FieldError } from '../../machinery/kind.ts';
import { notSupported } from '../common/field-error.ts';
import { listOf } from './enums.ts';

export function checkEnum(field: string, value: string | undefined, allowed: readonly string[]): FieldError[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [notSupported(field, `${field}: unsupported value "${value}": supported values are ${listOf(allowed)}`)];
}
