// The console's routes (OpenShift console style URLs) parsed from and built into paths; pure logic.
export type Route =
  | { page: 'vms'; namespace?: string }
  | { page: 'vm'; namespace: string; name: string; tab: 'overview' | 'yaml' }
  | { page: 'other'; id: string };

export function parseRoute(pathname: string): Route {
  const s = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (s[0] === 'k8s' && s[1] === 'all-namespaces' && s[2] === 'virtualmachines') return { page: 'vms' };
  if (s[0] === 'k8s' && s[1] === 'ns' && s[2] && s[3] === 'virtualmachines') {
    if (s[4]) return { page: 'vm', namespace: s[2], name: s[4], tab: s[5] === 'yaml' ? 'yaml' : 'overview' };
    return { page: 'vms', namespace: s[2] };
  }
  if (s.length === 1) return { page: 'other', id: s[0] };
  return { page: 'vms' };
}

export function routePath(r: Route): string {
  const e = encodeURIComponent;
  switch (r.page) {
    case 'vms':
      return r.namespace ? `/k8s/ns/${e(r.namespace)}/virtualmachines` : '/k8s/all-namespaces/virtualmachines';
    case 'vm':
      return `/k8s/ns/${e(r.namespace)}/virtualmachines/${e(r.name)}${r.tab === 'yaml' ? '/yaml' : ''}`;
    case 'other':
      return `/${e(r.id)}`;
  }
}
