// Finds the KindDefinition a request or an object names: by group/version/plural, by
// apiVersion/kind, and lists them per group for discovery.
import { apiVersionOf, type KindDefinition } from '../machinery/kind.ts';

export class KindIndex {
  private byResource = new Map<string, KindDefinition>();
  private byKind = new Map<string, KindDefinition>();

  constructor(readonly kinds: KindDefinition[]) {
    for (const k of kinds) {
      const r = `${k.group}/${k.version}/${k.plural}`;
      if (this.byResource.has(r)) throw new Error(`kind declared twice: ${r}`);
      this.byResource.set(r, k);
      this.byKind.set(`${apiVersionOf(k)}/${k.kind}`, k);
    }
  }

  resource(group: string, version: string, plural: string): KindDefinition | undefined {
    return this.byResource.get(`${group}/${version}/${plural}`);
  }

  kind(apiVersion: string, kind: string): KindDefinition | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Group name → versions → kinds, in declaration order ('' is the core group). */
  groups(): Map<string, Map<string, KindDefinition[]>> {
    const out = new Map<string, Map<string, KindDefinition[]>>();
    for (const k of this.kinds) {
      const versions = out.get(k.group) ?? new Map<string, KindDefinition[]>();
      out.set(k.group, versions);
      const list = versions.get(k.version) ?? [];
      versions.set(k.version, list);
      list.push(k);
    }
    return out;
  }
}

/** Store key of an object: one prefix per resource, then namespace, then name. */
export function storeKey(def: KindDefinition, namespace: string | undefined, name: string): string {
  return `${resourcePrefix(def)}${def.namespaced ? `${namespace}/` : ''}${name}`;
}

/** Prefix of every object of a resource, optionally narrowed to one namespace. */
export function resourcePrefix(def: KindDefinition, namespace?: string): string {
  const base = `/registry/${def.group || 'core'}/${def.plural}/`;
  return namespace && def.namespaced ? `${base}${namespace}/` : base;
}
