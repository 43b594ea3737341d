// KubeVirt's rules for a label/annotation filter: `!` only first (negation), `*` only last (prefix).
import type { FieldError } from '../../machinery/kind.ts';
import { invalid } from '../common/field-error.ts';

export function validateFilters(filters: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (filters ?? []).forEach((filter, i) => {
    const f = `${field}[${i}]`;
    if (filter === '' || filter === '!') return void errs.push(invalid(f, `${filter === '' ? 'an empty string' : 'a negation character'} is not a valid filter`));
    if (filter.slice(1).includes('!')) errs.push(invalid(f, `filter ${filter} is invalid: cannot contain a negation character (!); NegationChar can be only used at the beginning of the filter`));
    if (filter.slice(0, -1).includes('*')) errs.push(invalid(f, `filter ${filter} is invalid: cannot contain a wildcard character (*); WildcardChar can be only at the end of the filter`));
  });
  return errs;
}
