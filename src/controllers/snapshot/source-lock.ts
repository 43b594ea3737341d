// The snapshot's hold on its source VM, as KubeVirt's: `status.snapshotInProgress` names the
// snapshot and a finalizer keeps the VM from going away, while the copies are made. The VM's
// admission then refuses disk, volume and running-state changes, and the VM controller creates no
// VMI, so an offline copy never races a starting guest. A VM is locked only when every claim is
// bound and populated, and its guest either does not exist or runs (not starting, stopping or
// migrating).
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { POPULATE_PHASE_ANNOTATION, POPULATE_REQUEST_ANNOTATION } from '../storage/protocol.ts';
import { backupRequestOf, quiesceReportOf } from './protocol.ts';
import type { SourceState } from './snapshot-status.ts';

export const SOURCE_FINALIZER = 'snapshot.kubevirt.io/snapshot-source-protection';
export const LOCKED = 'Source locked and operation in progress';

export const isLocked = (vm: VirtualMachine, snapName: string) => vm.status?.snapshotInProgress === snapName && !!vm.metadata.finalizers?.includes(SOURCE_FINALIZER);

/** A VMI whose guest has ended (Succeeded, Failed) leaves nothing running: its disks are copied offline. */
export const isLive = (vmi: VirtualMachineInstance | undefined): vmi is VirtualMachineInstance => !!vmi && vmi.status?.phase !== 'Succeeded' && vmi.status?.phase !== 'Failed';

const hasCondition = (vmi: VirtualMachineInstance, type: string) => !!vmi.status?.conditions?.some((c) => c.type === type && c.status === 'True');

/** Why the VM cannot be locked now (KubeVirt's wording after "Source not locked"), or undefined. */
export function lockBlocker(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, claims: { name: string; pvc: PersistentVolumeClaim | undefined }[], snapName: string): string | undefined {
  const other = vm.status?.snapshotInProgress;
  if (other && other !== snapName) return ` snapshot "${other}" in progress`;
  if (vm.status?.restoreInProgress) return ` restore "${vm.status.restoreInProgress}" in progress`;
  const src = `source ${vm.metadata.namespace}/${vm.metadata.name}`;
  for (const { name, pvc } of claims) {
    if (!pvc) return ` ${src} volume doesnt exist: ${name}`;
    if (pvc.metadata.deletionTimestamp) return ` ${src} volume is being deleted: ${name}`;
    if (pvc.status?.phase !== 'Bound') return ` ${src} volume not bound: ${name}`;
    const a = pvc.metadata.annotations ?? {};
    if (a[POPULATE_REQUEST_ANNOTATION] && a[POPULATE_PHASE_ANNOTATION] !== 'Succeeded') return ` ${src} volume not populated: ${name}`;
  }
  if (!isLive(vmi)) return undefined;
  if (vmi.metadata.deletionTimestamp) return ` ${src} is stopping`;
  if (vmi.status?.phase !== 'Running' || !vmi.status.nodeName) return ` ${src} is starting (VMI phase ${vmi.status?.phase ?? 'Pending'})`;
  const m = vmi.status.migrationState;
  if (m && !m.completed && !m.failed) return ` ${src} is migrating`;
  return undefined;
}

/** Online or not, and how the guest is quiesced: the node's report once there is one, else the VMI's conditions. */
export function sourceState(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, snapName: string, content: VirtualMachineSnapshotContent | undefined, blocker: string | undefined): SourceState {
  const locked = isLocked(vm, snapName);
  const lockMsg = locked ? LOCKED : `Source not locked${blocker ?? ''}`;
  const request = content && backupRequestOf(content.metadata.annotations);
  const online = request ? !!request.online : isLive(vmi);
  if (!online) return { locked, lockMsg, online };
  const reported = content && quiesceReportOf(content.metadata.annotations);
  if (reported) return { locked, lockMsg, online, quiesce: reported.indication };
  if (!isLive(vmi)) return { locked, lockMsg, online };
  const quiesce = hasCondition(vmi, 'Paused') ? 'Paused' : hasCondition(vmi, 'AgentConnected') ? 'GuestAgent' : 'NoGuestAgent';
  return { locked, lockMsg, online, quiesce };
}

export async function lock(client: KubeClient, vm: VirtualMachine, snapName: string): Promise<VirtualMachine> {
  let cur = vm;
  if (cur.status?.snapshotInProgress !== snapName) {
    cur = await client.mergePatch<VirtualMachine>(R.vms, vm.metadata.namespace, vm.metadata.name!, { metadata: { resourceVersion: cur.metadata.resourceVersion }, status: { snapshotInProgress: snapName } }, 'status');
  }
  if (!cur.metadata.finalizers?.includes(SOURCE_FINALIZER)) {
    cur = await client.mergePatch<VirtualMachine>(R.vms, vm.metadata.namespace, vm.metadata.name!, {
      metadata: { resourceVersion: cur.metadata.resourceVersion, finalizers: [...(cur.metadata.finalizers ?? []), SOURCE_FINALIZER] },
    });
  }
  return cur;
}

export async function unlock(client: KubeClient, vm: VirtualMachine, snapName: string): Promise<VirtualMachine> {
  let cur = vm;
  // Status first: without the finalizer a VM being deleted may be gone before the status write.
  if (cur.status?.snapshotInProgress === snapName) {
    cur = await client.mergePatch<VirtualMachine>(R.vms, vm.metadata.namespace, vm.metadata.name!, { metadata: { resourceVersion: cur.metadata.resourceVersion }, status: { snapshotInProgress: null } }, 'status');
  }
  // Another snapshot may hold the VM by now: its finalizer (the same name) stays.
  if (cur.metadata.finalizers?.includes(SOURCE_FINALIZER) && !cur.status?.snapshotInProgress) {
    cur = await client.mergePatch<VirtualMachine>(R.vms, vm.metadata.namespace, vm.metadata.name!, {
      metadata: { resourceVersion: cur.metadata.resourceVersion, finalizers: cur.metadata.finalizers.filter((f) => f !== SOURCE_FINALIZER) },
    });
  }
  return cur;
}
