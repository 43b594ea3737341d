// Expands a VM's spec.instancetype and spec.preference into the VMI it is about to create. As in
// KubeVirt, the first expansion pins what it used: the object's spec is copied into a
// ControllerRevision owned by the VM and named in spec.instancetype.revisionName (resp.
// preference), and every later VMI of the VM is expanded from that copy — so editing or deleting
// the instance type never changes a VM that already uses it. A missing object is an error the work
// queue retries, so the VM starts once it exists.
import type { ControllerRevision } from '../../api/apps/controllerrevision.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { applyInstancetype, applyPreference, matcherKind, type Instancetype, type Preference } from '../../api/instancetype/index.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { controllerRef } from './vmi-from-vm.ts';

const GROUP = 'instancetype.kubevirt.io';
type What = 'instancetype' | 'preference';

interface Pinned<S> {
  spec: S;
  /** Set when this expansion created the revision (the VM must be told its name). */
  newRevision?: string;
}

async function pinnedSpec<T extends Instancetype | Preference>(client: KubeClient, vm: VirtualMachine, what: What): Promise<Pinned<NonNullable<T['spec']>> | undefined> {
  const m = vm.spec?.[what];
  if (!m?.name) return undefined;
  const ns = vm.metadata.namespace;
  const where = `VM ${ns}/${vm.metadata.name}`;
  if (m.revisionName) {
    const rev = await client.tryGet<ControllerRevision>(R.controllerrevisions, ns, m.revisionName);
    const spec = (rev?.data as { spec?: NonNullable<T['spec']> } | undefined)?.spec;
    if (!spec) throw new Error(`${where}: ${what} revision ${m.revisionName} not found`);
    return { spec };
  }
  const k = matcherKind(what, m.kind);
  const obj = await client.tryGet<T>({ group: GROUP, version: 'v1beta1', plural: k.plural, namespaced: k.namespaced }, k.namespaced ? ns : undefined, m.name);
  if (!obj?.spec) throw new Error(`${where}: ${what} ${m.name} (${k.plural}) not found`);
  // KubeVirt's naming: one revision per VM, object and object generation.
  const name = `${vm.metadata.name}-${m.name}-${obj.metadata.uid}-${obj.metadata.generation ?? 1}`.slice(0, 253);
  const rev: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: ns, ownerReferences: [controllerRef(vm)], labels: { [`${GROUP}/object-kind`]: obj.kind ?? k.plural, [`${GROUP}/object-name`]: m.name } },
    data: { apiVersion: `${GROUP}/v1beta1`, kind: obj.kind, metadata: { name: m.name, uid: obj.metadata.uid, generation: obj.metadata.generation }, spec: obj.spec },
    revision: 1,
  };
  try {
    await client.create(R.controllerrevisions, ns, rev);
  } catch (e) {
    if (!(e instanceof ApiStatusError && e.code === 409)) throw e; // an earlier attempt made it: the same data
  }
  return { spec: obj.spec as NonNullable<T['spec']>, newRevision: name };
}

export async function expandInstancetype(client: KubeClient, vm: VirtualMachine, vmi: VirtualMachineInstance): Promise<VirtualMachineInstance> {
  if (!vm.spec?.instancetype && !vm.spec?.preference) return vmi;
  const it = await pinnedSpec<Instancetype>(client, vm, 'instancetype');
  const pref = await pinnedSpec<Preference>(client, vm, 'preference');
  if (it?.newRevision || pref?.newRevision) {
    await client.mergePatch(R.vms, vm.metadata.namespace, vm.metadata.name ?? '', {
      spec: {
        ...(it?.newRevision ? { instancetype: { revisionName: it.newRevision } } : {}),
        ...(pref?.newRevision ? { preference: { revisionName: pref.newRevision } } : {}),
      },
    });
  }
  let spec = vmi.spec!;
  if (it) spec = applyInstancetype(spec, it.spec, pref?.spec);
  if (pref) spec = applyPreference(spec, pref.spec);
  return { ...vmi, spec };
}
