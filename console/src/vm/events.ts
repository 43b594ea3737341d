// Which of a namespace's Events belong to one VM, newest first: those about the VM itself, its VMI
// (whatever uid it had: a restarted VM's earlier VMIs share its name), its launcher pods
// (virt-launcher-<vmi>-<5 random>) and its DataVolumes and their claims (same names), so the
// provisioning story (DataVolume created, PVC bound, VMI scheduled and started) reads in one list.
import type { KubeEvent, VirtualMachine } from '../api/types.ts';

/** The DataVolumes and claims the VM names: its templates' and its volumes'. */
export function vmVolumeClaims(vm: VirtualMachine): Set<string> {
  const names = new Set<string>();
  for (const t of vm.spec?.dataVolumeTemplates ?? []) names.add(t.metadata.name);
  for (const v of vm.spec?.template?.spec?.volumes ?? []) {
    if (v.dataVolume?.name) names.add(v.dataVolume.name);
    if (v.persistentVolumeClaim?.claimName) names.add(v.persistentVolumeClaim.claimName);
  }
  return names;
}

/** The node agent's pod name rule (src/node/pod.ts): the base is cut to 57 characters. */
export function isLauncherPodOf(podName: string, vmiName: string): boolean {
  const base = `virt-launcher-${vmiName}`.slice(0, 57).replace(/[-.]+$/, '');
  return podName.length === base.length + 6 && podName.startsWith(`${base}-`) && /^[a-z0-9]{5}$/.test(podName.slice(base.length + 1));
}

export function isVmEvent(e: KubeEvent, vm: VirtualMachine, claims: ReadonlySet<string> = vmVolumeClaims(vm)): boolean {
  const o = e.involvedObject;
  const name = vm.metadata.name;
  if (o.namespace !== undefined && o.namespace !== vm.metadata.namespace) return false;
  switch (o.kind) {
    case 'VirtualMachine':
    case 'VirtualMachineInstance':
      return o.name === name;
    case 'Pod':
      return !!o.name && isLauncherPodOf(o.name, name);
    case 'DataVolume':
    case 'PersistentVolumeClaim':
      return !!o.name && claims.has(o.name);
    default:
      return false;
  }
}

/** When the event last happened: lastTimestamp, else the newer API's series or eventTime. */
export function eventTime(e: KubeEvent): string {
  return e.lastTimestamp || e.series?.lastObservedTime || e.eventTime || e.firstTimestamp || e.metadata.creationTimestamp || '';
}

/** How many times it happened. */
export const eventCount = (e: KubeEvent): number => e.count ?? e.series?.count ?? 1;

export function vmEvents(events: readonly KubeEvent[], vm: VirtualMachine): KubeEvent[] {
  const claims = vmVolumeClaims(vm);
  const time = (e: KubeEvent) => Date.parse(eventTime(e)) || 0;
  // Same second: the later resourceVersion is the later write (the store's revisions only grow).
  const rv = (e: KubeEvent) => Number(e.metadata.resourceVersion) || 0;
  return events.filter((e) => isVmEvent(e, vm, claims)).sort((a, b) => time(b) - time(a) || rv(b) - rv(a));
}
