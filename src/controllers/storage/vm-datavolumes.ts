// A VM's DataVolumes, as KubeVirt's VM controller handles them: each dataVolumeTemplate becomes
// a DataVolume owned by the VM, and the VM may start only when every DataVolume its template
// uses has Succeeded. Called by the VM controller once per pass.
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import type { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';

/** What the VM's volumes allow: start, or the printableStatus to show while they are not ready. */
export type VolumesState = 'Ready' | 'Provisioning' | 'WaitingForVolumeBinding' | 'DataVolumeError';

export function volumesState(dvs: (DataVolume | undefined)[]): VolumesState {
  if (dvs.some((dv) => dv?.status?.phase === 'Failed')) return 'DataVolumeError';
  if (dvs.some((dv) => dv && (dv.status?.phase === 'Pending' || dv.status?.phase === 'WaitForFirstConsumer'))) return 'WaitingForVolumeBinding';
  return dvs.every((dv) => dv?.status?.phase === 'Succeeded') ? 'Ready' : 'Provisioning';
}

export function dataVolumeFromTemplate(vm: VirtualMachine, i: number): DataVolume {
  const t = vm.spec!.dataVolumeTemplates![i];
  const { creationTimestamp: _c, ...meta } = t.metadata as DataVolume['metadata'];
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      ...meta,
      namespace: vm.metadata.namespace,
      ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: vm.metadata.name!, uid: vm.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: t.spec,
  };
}

/** Creates missing DataVolumes from the templates, then says whether the VM's volumes are ready. */
export async function syncVmDataVolumes(client: KubeClient, vm: VirtualMachine, events: EventRecorder): Promise<VolumesState> {
  const ns = vm.metadata.namespace;
  const templates = vm.spec?.dataVolumeTemplates ?? [];
  const used = new Set((vm.spec?.template?.spec?.volumes ?? []).flatMap((v) => (v.dataVolume ? [v.dataVolume.name] : [])));
  if (templates.length === 0 && used.size === 0) return 'Ready';
  const dvs = new Map<string, DataVolume | undefined>();
  for (let i = 0; i < templates.length; i++) {
    const name = templates[i].metadata.name!;
    let dv = await client.tryGet<DataVolume>(R.datavolumes, ns, name);
    if (!dv && !vm.metadata.deletionTimestamp) {
      try {
        dv = await client.create<DataVolume>(R.datavolumes, ns, dataVolumeFromTemplate(vm, i));
        await events.record(vm, 'Normal', 'SuccessfulDataVolumeCreate', `Created DataVolume ${name}`);
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 409)) {
          await events.record(vm, 'Warning', 'FailedDataVolumeCreate', `Error creating DataVolume ${name}: ${(e as Error).message}`);
          throw e;
        }
      }
    }
    dvs.set(name, dv);
  }
  for (const name of used) if (!dvs.has(name)) dvs.set(name, await client.tryGet<DataVolume>(R.datavolumes, ns, name));
  return volumesState([...dvs.values()]);
}
