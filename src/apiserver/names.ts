// The generic name rule every object obeys (a DNS-1123 subdomain; namespaces a DNS-1123 label).
import type { FieldError, KindDefinition } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateObjectName(def: KindDefinition, obj: KubeObject): FieldError[] {
  const name = obj.metadata?.name;
  if (name === undefined) return [];
  const isLabel = def.kind === 'Namespace' && def.group === '';
  const max = isLabel ? 63 : 253;
  if (name.length > max) {
    return [{ field: 'metadata.name', message: `Invalid value: "${name}": must be no more than ${max} characters`, reason: 'FieldValueTooLong' }];
  }
  if (!(isLabel ? LABEL : SUBDOMAIN).test(name)) {
    return [
      {
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 ${isLabel ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-'${isLabel ? '' : " or '.'"}, and must start and end with an alphanumeric character`,
      },
    ];
  }
  return [];
}
