// The VM/VMI name rule, stricter than the generic one the apiserver applies: no periods.
import type { FieldError } from '../../machinery/kind.ts';
import type { ObjectMeta } from '../../machinery/object.ts';
import { invalid } from '../common/field-error.ts';
import { validateVmName } from '../common/names.ts';
import { validateNotReservedNamespace } from './validate-namespace.ts';

export function validateVmMetadata(meta: ObjectMeta | undefined): FieldError[] {
  const errs = validateNotReservedNamespace(meta?.namespace);
  if (meta?.name !== undefined) errs.push(...validateVmName(meta.name).map((m) => invalid('metadata.name', `metadata.name: ${m}`)));
  return errs;
}
