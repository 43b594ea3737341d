// The restore's writes to its target, in KubeVirt's order: the DataVolumes of renamed templates
// first (pre-populated, so they adopt the restored claims instead of importing anything), then the
// VM itself, then ownership of the restored claims, and last the DataVolumes the VM no longer has.
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import type { VirtualMachineRestore, VolumeRestore } from '../../api/snapshot/index.ts';
import type { OwnerReference } from '../../machinery/object.ts';
import { ApiStatusError, type KubeClient, type ResourceRef } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { PRE_POPULATED_ANNOTATION, RESTORE_NAME_ANNOTATION } from './restore-plan.ts';

const isCode = (e: unknown, code: number) => e instanceof ApiStatusError && e.code === code;

const vmRef = (vm: VirtualMachine): OwnerReference => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: vm.metadata.name!, uid: vm.metadata.uid!, controller: true, blockOwnerDeletion: true });

/** Creates the restored templates' DataVolumes; true while one has not Succeeded yet. */
export async function reconcileDataVolumes(client: KubeClient, r: VirtualMachineRestore, restored: VirtualMachine, target: VirtualMachine | undefined, restores: VolumeRestore[]): Promise<boolean> {
  const ns = r.metadata.namespace;
  const ours = new Set(restores.flatMap((x) => (x.dataVolumeName ? [x.dataVolumeName] : [])));
  let waiting = false;
  for (const t of restored.spec?.dataVolumeTemplates ?? []) {
    const name = t.metadata.name!;
    if (!ours.has(name)) continue;
    let dv = await client.tryGet<DataVolume>(R.datavolumes, ns, name);
    if (!dv) {
      const { creationTimestamp: _c, ...meta } = t.metadata;
      dv = await client.create<DataVolume>(R.datavolumes, ns, {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {
          ...meta,
          namespace: ns,
          annotations: { ...meta.annotations, [RESTORE_NAME_ANNOTATION]: r.metadata.name!, [PRE_POPULATED_ANNOTATION]: 'true' },
          ...(target ? { ownerReferences: [vmRef(target)] } : {}),
        },
        spec: t.spec,
      });
    }
    if (dv.status?.phase !== 'Succeeded') waiting = true;
  }
  return waiting;
}

/** Creates the VM, or updates it (the restore holds it: its run strategy cannot change meanwhile). */
export async function writeTarget(client: KubeClient, restored: VirtualMachine, existing: VirtualMachine | undefined): Promise<VirtualMachine> {
  if (!existing) return client.create<VirtualMachine>(R.vms, restored.metadata.namespace, restored);
  return client.update<VirtualMachine>(R.vms, restored);
}

async function own(client: KubeClient, ref: ResourceRef, ns: string | undefined, name: string, vm: VirtualMachine): Promise<void> {
  const obj = await client.tryGet<PersistentVolumeClaim | DataVolume>(ref, ns, name);
  if (!obj || obj.metadata.ownerReferences?.some((o) => o.controller)) return;
  await client.mergePatch(ref, ns, name, { metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: [...(obj.metadata.ownerReferences ?? []), vmRef(vm)] } });
}

/**
 * The target VM owns what was restored for it (volumeOwnershipPolicy Vm, the default): claims that
 * no DataVolume adopts, and DataVolumes created before a new VM existed.
 */
export async function claimOwnership(client: KubeClient, r: VirtualMachineRestore, vm: VirtualMachine, restores: VolumeRestore[]): Promise<void> {
  if (r.spec?.volumeOwnershipPolicy === 'None') return;
  const ns = r.metadata.namespace;
  for (const vr of restores) {
    if (vr.dataVolumeName) await own(client, R.datavolumes, ns, vr.dataVolumeName, vm);
    else await own(client, R.pvcs, ns, vr.persistentVolumeClaim, vm);
  }
}

export async function deleteDataVolumes(client: KubeClient, ns: string | undefined, names: string[]): Promise<void> {
  for (const name of names) {
    await client.delete(R.datavolumes, ns, name).catch((e: unknown) => {
      if (!isCode(e, 404)) throw e;
    });
  }
}
