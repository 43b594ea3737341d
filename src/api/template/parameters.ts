// Rules for a Template's parameter list: unique names made of letters, digits and underscores, and
// generators Vireo knows.
import type { FieldError } from '../../machinery/kind.ts';
import { parseExpression } from './expression.ts';

const NAME = /^[a-zA-Z0-9_]+$/;

export function checkParameters(params: { name: string; generate?: string; from?: string }[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  params.forEach((p, i) => {
    const at = `parameters[${i}]`;
    if (!NAME.test(p.name)) errs.push({ field: `${at}.name`, message: `Invalid value: "${p.name}": parameter names use only letters, digits and _`, reason: 'FieldValueInvalid' });
    if (seen.has(p.name)) errs.push({ field: `${at}.name`, message: `Duplicate value: "${p.name}"`, reason: 'FieldValueDuplicate' });
    seen.add(p.name);
    if (p.generate === undefined) return;
    if (p.generate !== 'expression') {
      errs.push({ field: `${at}.generate`, message: `Unsupported value: "${p.generate}": supported values: "expression"`, reason: 'FieldValueNotSupported' });
      return;
    }
    const parsed = parseExpression(p.from ?? '');
    if (typeof parsed === 'string') errs.push({ field: `${at}.from`, message: `Invalid value: "${p.from ?? ''}": ${parsed}`, reason: 'FieldValueInvalid' });
  });
  return errs;
}
