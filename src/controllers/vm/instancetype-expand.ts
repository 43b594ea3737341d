// Expands a VM's spec.instancetype and spec.preference into the VMI it is about to create: reads
// the named (cluster or namespaced) objects through the API and applies them. A missing one is an
// error the work queue retries, so the VM starts once it exists.
// Not yet: the revision pinning KubeVirt does with ControllerRevisions (the objects are read anew
// each time a VMI is created, so an edit applies at the next start).
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { applyInstancetype, applyPreference, matcherKind, type Instancetype, type Preference } from '../../api/instancetype/index.ts';
import type { KubeClient } from '../../client/client.ts';

const GROUP = 'instancetype.kubevirt.io';

async function fetchSpec<T extends Instancetype | Preference>(client: KubeClient, vm: VirtualMachine, what: 'instancetype' | 'preference'): Promise<T['spec'] | undefined> {
  const m = vm.spec?.[what];
  if (!m?.name) return undefined;
  const k = matcherKind(what, m.kind);
  const obj = await client.tryGet<T>({ group: GROUP, version: 'v1beta1', plural: k.plural, namespaced: k.namespaced }, k.namespaced ? vm.metadata.namespace : undefined, m.name);
  if (!obj?.spec) throw new Error(`VM ${vm.metadata.namespace}/${vm.metadata.name}: ${what} ${m.name} (${k.plural}) not found`);
  return obj.spec;
}

export async function expandInstancetype(client: KubeClient, vm: VirtualMachine, vmi: VirtualMachineInstance): Promise<VirtualMachineInstance> {
  if (!vm.spec?.instancetype && !vm.spec?.preference) return vmi;
  const it = await fetchSpec<Instancetype>(client, vm, 'instancetype');
  const pref = await fetchSpec<Preference>(client, vm, 'preference');
  let spec = vmi.spec!;
  if (it) spec = applyInstancetype(spec, it, pref);
  if (pref) spec = applyPreference(spec, pref);
  return { ...vmi, spec };
}
