// Creates a snapshot's content once its source is locked: reads the VM's claims and their volumes
// (those not on Vireo's own classes are left out: the snapshot is then partial), decides online or
// offline, and writes the content with its backup request. The node agents take it from there.
import type { Node } from '../../api/core/node.ts';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import type { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';
import { storageNodes } from '../storage/classes.ts';
import { backupRequest, buildContent, claimVolumes, contentNameFor, copyable, type Claim } from './content-build.ts';
import { isLive } from './source-lock.ts';

async function claimsOf(client: KubeClient, vm: VirtualMachine): Promise<Claim[]> {
  const ns = vm.metadata.namespace;
  const out: Claim[] = [];
  for (const { volumeName, claimName } of claimVolumes(vm)) {
    const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, claimName);
    const pv = pvc?.spec?.volumeName ? await client.tryGet<PersistentVolume>(R.pvs, undefined, pvc.spec.volumeName) : undefined;
    // The lock checked every claim is bound; one that went since fails this pass, which is retried.
    if (!pvc || !pv) throw new Error(`claim ${ns}/${claimName} of volume ${volumeName} has no volume`);
    if (copyable(pv)) out.push({ volumeName, pvc, pv });
  }
  return out;
}

export async function createContent(client: KubeClient, events: EventRecorder, snap: VirtualMachineSnapshot, vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): Promise<VirtualMachineSnapshotContent> {
  const live = isLive(vmi) ? vmi : undefined;
  if (live && (live.status?.phase !== 'Running' || !live.status.nodeName)) throw new Error(`source VMI ${live.metadata.name} is ${live.status?.phase ?? 'Pending'}`);
  const claims = await claimsOf(client, vm);
  const nodes = await client.list<Node>(R.nodes);
  const request = backupRequest(vm, live, claims, storageNodes(nodes.items)[0]?.metadata.name);
  if (typeof request === 'string') throw new Error(request);
  const content = buildContent(snap, vm, claims, request);
  try {
    const created = await client.create<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, snap.metadata.namespace, content);
    await events.record(snap, 'Normal', 'SuccessfulVirtualMachineSnapshotContentCreate', `Successfully created VirtualMachineSnapshotContent ${created.metadata.name}`);
    return created;
  } catch (e) {
    if (!(e instanceof ApiStatusError && e.code === 409)) throw e;
    const existing = await client.tryGet<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, snap.metadata.namespace, contentNameFor(snap));
    if (!existing) throw e;
    return existing;
  }
}
