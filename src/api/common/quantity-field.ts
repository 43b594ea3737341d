// Admission check of one quantity field: parseable, and greater than zero where a size is meant.
import type { FieldError } from '../../machinery/kind.ts';
import { invalid } from './field-error.ts';
import { parseQuantity } from './quantity.ts';

export function checkQuantity(field: string, q: string | number | undefined): FieldError[] {
  if (q === undefined) return [];
  try {
    const n = parseQuantity(q);
    return n > 0 ? [] : [invalid(field, `${field}: must be greater than zero (got ${q})`)];
  } catch (e) {
    return [invalid(field, `${field}: ${(e as Error).message}`)];
  }
}
