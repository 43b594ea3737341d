// The generic name rule every object obeys: a DNS-1123 subdomain, namespaces a DNS-1123 label. The
// rules and their wording live in src/api/common/names.ts; this only attaches them to metadata.name.
import { validateDnsLabel, validateDnsSubdomainName } from '../api/common/names.ts';
import type { FieldError, KindDefinition } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';

export function validateObjectName(def: KindDefinition, obj: KubeObject): FieldError[] {
  const name = obj.metadata?.name;
  if (name === undefined) return [];
  const isNamespace = def.kind === 'Namespace' && def.group === '';
  const problems = isNamespace ? validateDnsLabel(name) : validateDnsSubdomainName(name);
  return problems.map((message) => ({ field: 'metadata.name', message, reason: 'FieldValueInvalid' }));
}
