// Resource references for every served kind, derived from the kind declarations.
import type { KindDefinition } from '../machinery/kind.ts';
import type { ResourceRef } from '../client/client.ts';

export function refOf(def: KindDefinition): ResourceRef {
  return { group: def.group, version: def.version, plural: def.plural, namespaced: def.namespaced };
}
