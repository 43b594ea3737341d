// API discovery: the legacy documents (/api, /apis, per group-version resource lists) and the
// aggregated v2 documents kubectl prefers. Both are derived from the kind declarations.
import type { KindDefinition } from '../machinery/kind.ts';
import type { KindIndex } from './kind-index.ts';

const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** A group whose resources are only subresource endpoints (KubeVirt's subresources.kubevirt.io). */
export interface ExtraGroup {
  group: string;
  version: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
}

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((a) => a.includes('as=APIGroupDiscoveryList') && /;\s*v=v2(;|$)/.test(a));
}

function gv(group: string, version: string) {
  return group ? `${group}/${version}` : version;
}

function apiResources(kinds: KindDefinition[]) {
  const out: Record<string, unknown>[] = [];
  for (const k of kinds) {
    out.push({
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: k.verbs ?? STANDARD_VERBS,
      ...(k.shortNames?.length ? { shortNames: k.shortNames } : {}),
      ...(k.categories?.length ? { categories: k.categories } : {}),
    });
    if (k.hasStatus) out.push({ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: ['get', 'patch', 'update'] });
  }
  return out;
}

export class Discovery {
  constructor(
    private readonly index: KindIndex,
    private readonly extra: ExtraGroup[] = [],
  ) {}

  private groupNames(): string[] {
    const names = [...this.index.groups().keys()].filter((g) => g !== '');
    for (const e of this.extra) if (!names.includes(e.group)) names.push(e.group);
    return names;
  }

  private versionsOf(group: string): string[] {
    const v = [...(this.index.groups().get(group)?.keys() ?? [])];
    for (const e of this.extra) if (e.group === group && !v.includes(e.version)) v.push(e.version);
    return v;
  }

  apiVersions(serverAddress: string) {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }

  apiGroup(group: string) {
    const versions = this.versionsOf(group);
    if (versions.length === 0) return undefined;
    const vs = versions.map((v) => ({ groupVersion: gv(group, v), version: v }));
    return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: vs, preferredVersion: vs[0] };
  }

  apiGroupList() {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: this.groupNames().map((g) => this.apiGroup(g)) };
  }

  resourceList(group: string, version: string) {
    const kinds = this.index.groups().get(group)?.get(version);
    const extra = this.extra.filter((e) => e.group === group && e.version === version);
    if (!kinds && extra.length === 0) return undefined;
    const listed = extra.flatMap((e) => e.resources.map((r) => ({ name: r.name, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: r.verbs })));
    // A whole extra resource ("processedtemplates", kind Template) comes before the kinds: kubectl
    // maps a kind to the last resource listed with it, which must stay the stored one ("templates").
    const resources = [...listed.filter((r) => !r.name.includes('/')), ...apiResources(kinds ?? []), ...listed.filter((r) => r.name.includes('/'))];
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
  }

  /** The aggregated document for `/api` (core) or `/apis` (every named group). */
  aggregated(core: boolean) {
    const groups = core ? [''] : this.groupNames();
    const items = groups.map((group) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: this.versionsOf(group).map((version) => ({
        version,
        freshness: 'Current',
        resources: [
          ...(this.index.groups().get(group)?.get(version) ?? []).map((k) => ({
            resource: k.plural,
            responseKind: { group, version, kind: k.kind },
            scope: k.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: k.singular,
            verbs: k.verbs ?? STANDARD_VERBS,
            ...(k.shortNames?.length ? { shortNames: k.shortNames } : {}),
            ...(k.categories?.length ? { categories: k.categories } : {}),
            ...(k.hasStatus
              ? { subresources: [{ subresource: 'status', responseKind: { group, version, kind: k.kind }, verbs: ['get', 'patch', 'update'] }] }
              : {}),
          })),
          ...this.extra
            .filter((e) => e.group === group && e.version === version)
            .flatMap((e) => {
              // Subresource-only resources ("virtualmachines/start") are grouped under their parent.
              const parents = new Map<string, { kind: string; namespaced: boolean; verbs: string[]; subs: { subresource: string; verbs: string[] }[] }>();
              for (const r of e.resources) {
                const [parent, sub] = r.name.split('/');
                const p = parents.get(parent) ?? { kind: r.kind, namespaced: r.namespaced, verbs: [], subs: [] };
                parents.set(parent, p);
                if (sub) p.subs.push({ subresource: sub, verbs: r.verbs });
                else p.verbs = r.verbs;
              }
              // A whole resource of a kind nothing stores (UploadTokenRequest) is what kubectl maps
              // that kind to; one of a stored kind ("processedtemplates") must not take the kind over.
              const stored = new Set((this.index.groups().get(group)?.get(version) ?? []).map((k) => k.kind));
              return [...parents].map(([parent, p]) => ({
                resource: parent,
                ...(p.verbs.length && !stored.has(p.kind) ? { responseKind: { group, version, kind: p.kind } } : {}),
                scope: p.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: p.verbs.length && !stored.has(p.kind) ? p.kind.toLowerCase() : '',
                verbs: stored.has(p.kind) ? [] : p.verbs,
                subresources: p.subs.map((s) => ({ subresource: s.subresource, verbs: s.verbs })),
              }));
            }),
        ],
      })),
    }));
    return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
  }
}
