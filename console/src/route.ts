// The console's routes (OpenShift console style URLs) parsed from and built into paths; pure logic.
/** The VM details tabs, in kubevirt-plugin's order. */
export type VmTab = 'overview' | 'metrics' | 'yaml' | 'configuration' | 'events' | 'console' | 'snapshots' | 'diagnostics';

export type Route =
  /** Virtualization → Overview, for all projects. */
  | { page: 'overview' }
  | { page: 'vms'; namespace?: string }
  | { page: 'vm'; namespace: string; name: string; tab: VmTab }
  | { page: 'vmNew'; namespace: string }
  /** Create VirtualMachine → From template: the template catalog (OpenShift's URL). */
  | { page: 'catalog'; namespace: string }
  /** From template → Customize VirtualMachine: the wizard for one template, creating in `namespace`. */
  /** `vmName`: the name typed in Quick create before Customize (kept as `?name=`). */
  | { page: 'customize'; namespace: string; templateNamespace: string; template: string; vmName?: string }
  /** A pod's details (the VM Overview links its launcher pod here). */
  | { page: 'pod'; namespace: string; name: string }
  | { page: 'other'; id: string };

/** `~new` cannot be a VM name (names are DNS labels), so it is safe as OpenShift's "create" path. */
const NEW = '~new';
const TABS: readonly VmTab[] = ['overview', 'metrics', 'yaml', 'configuration', 'events', 'console', 'snapshots', 'diagnostics'];
const tabOf = (s: string | undefined): VmTab => TABS.find((t) => t === s) ?? 'overview';

/** `pathname` may carry a query (`?name=` of Customize). */
export function parseRoute(pathname: string): Route {
  const [path = '', query = ''] = pathname.split('?');
  const s = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (s[0] === 'k8s' && s[1] === 'all-namespaces' && s[2] === 'virtualmachines') return { page: 'vms' };
  if (s[0] === 'k8s' && s[1] === 'all-namespaces' && s[2] === 'virtualization-overview') return { page: 'overview' };
  if (s[0] === 'k8s' && s[1] === 'ns' && s[2] && s[3] === 'virtualmachines') {
    if (s[4] === NEW) return { page: 'vmNew', namespace: s[2] };
    if (s[4]) return { page: 'vm', namespace: s[2], name: s[4], tab: tabOf(s[5]) };
    return { page: 'vms', namespace: s[2] };
  }
  if (s[0] === 'k8s' && s[1] === 'ns' && s[2] && s[3] === 'templatescatalog') {
    if (s[4] === 'customize' && s[5] && s[6]) {
      const vmName = new URLSearchParams(query).get('name');
      return { page: 'customize', namespace: s[2], templateNamespace: s[5], template: s[6], ...(vmName ? { vmName } : {}) };
    }
    return { page: 'catalog', namespace: s[2] };
  }
  if (s[0] === 'k8s' && s[1] === 'ns' && s[2] && s[3] === 'pods' && s[4]) return { page: 'pod', namespace: s[2], name: s[4] };
  if (s.length === 1) return { page: 'other', id: s[0] };
  return { page: 'vms' };
}

export function routePath(r: Route): string {
  const e = encodeURIComponent;
  switch (r.page) {
    case 'overview':
      return '/k8s/all-namespaces/virtualization-overview';
    case 'vms':
      return r.namespace ? `/k8s/ns/${e(r.namespace)}/virtualmachines` : '/k8s/all-namespaces/virtualmachines';
    case 'vm':
      return `/k8s/ns/${e(r.namespace)}/virtualmachines/${e(r.name)}${r.tab === 'overview' ? '' : `/${r.tab}`}`;
    case 'vmNew':
      return `/k8s/ns/${e(r.namespace)}/virtualmachines/${NEW}`;
    case 'catalog':
      return `/k8s/ns/${e(r.namespace)}/templatescatalog`;
    case 'customize':
      return `/k8s/ns/${e(r.namespace)}/templatescatalog/customize/${e(r.templateNamespace)}/${e(r.template)}${r.vmName ? `?name=${e(r.vmName)}` : ''}`;
    case 'pod':
      return `/k8s/ns/${e(r.namespace)}/pods/${e(r.name)}`;
    case 'other':
      return `/${e(r.id)}`;
  }
}
