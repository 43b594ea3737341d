// Checks maps of quantities (capacity, requests, quota hard limits) with the shared parser, so a
// typo such as "10GB" is refused at admission instead of surprising a controller later.
import { Type } from '@sinclair/typebox';
import type { FieldError } from '../../machinery/kind.ts';
import { QuantitySchema } from '../../machinery/object.ts';
import { tryParseQuantity } from '../common/quantity.ts';

/** A map such as `{storage: 10Gi}` or `{requests.memory: 4Gi}`. */
export const QuantityMapSchema = Type.Record(Type.String(), QuantitySchema);
export type QuantityMap = Record<string, string | number>;

/** Every value must parse; with `nonNegative`, none may be below zero. Keys are named `path[key]`. */
export function validateQuantityMap(map: QuantityMap | undefined, path: string, nonNegative = true): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, raw] of Object.entries(map ?? {})) {
    const v = tryParseQuantity(raw);
    if (v === undefined) {
      errs.push({
        field: `${path}[${key}]`,
        message: `Invalid value: ${JSON.stringify(raw)}: must be a quantity such as 1Gi, 512Mi, 500m or 2`,
        reason: 'FieldValueInvalid',
      });
    } else if (nonNegative && v < 0) {
      errs.push({ field: `${path}[${key}]`, message: `Invalid value: ${JSON.stringify(raw)}: must be greater than or equal to 0`, reason: 'FieldValueInvalid' });
    }
  }
  return errs;
}
