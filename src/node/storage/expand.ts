// PVC expansion on the node that holds the volume, as Kubernetes' resizer and kubelet do it between
// them: a bound claim whose request is above its PV's capacity gets the Resizing condition, its
// disk.img grows (raw, sparse: a truncate; never shrunk) to the new usable size, the PV's capacity
// follows, FileSystemResizePending marks the step between volume and node expansion, and finally the
// claim's status.capacity shows the new size with the conditions removed. A running guest that uses
// the claim is told by the agent running it (guest-disk-resize.ts), once status.capacity changed.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { tryParseQuantity } from '../../api/common/quantity.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { usableBytes } from '../../controllers/storage/protocol.ts';
import { removeCondition, setCondition, updateStatus } from '../status.ts';

export const RESIZE_PENDING_MESSAGE = 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.';

/** The requested size when it is above the PV's capacity (an expansion to do), else undefined. */
export function pendingExpansion(pv: PersistentVolume, claim: PersistentVolumeClaim): { from: number; to: number; quantity: string } | undefined {
  const quantity = claim.spec?.resources?.requests?.storage;
  const to = tryParseQuantity(quantity);
  const from = tryParseQuantity(pv.spec?.capacity?.storage);
  if (to === undefined || from === undefined || to <= from || quantity === undefined) return undefined;
  return { from, to, quantity: String(quantity) };
}

/** Grows a raw image file to `bytes` (sparse); a file already that big is left alone. */
export async function growRaw(path: string, bytes: number): Promise<boolean> {
  const size = (await stat(path)).size;
  if (size >= bytes) return false;
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return true;
}

type ClaimStatus = NonNullable<PersistentVolumeClaim['status']>;

async function claimStatus(client: KubeClient, claim: PersistentVolumeClaim, edit: (st: ClaimStatus) => void): Promise<void> {
  await updateStatus<PersistentVolumeClaim>(client, R.pvcs, claim.metadata.namespace, claim.metadata.name ?? '', (c) => {
    if (c.metadata.uid !== claim.metadata.uid) return false;
    c.status ??= {};
    edit(c.status);
  });
}

/** Runs one expansion of `claim`'s volume in `dir` to its requested size. */
export async function expandVolume(client: KubeClient, pv: PersistentVolume, claim: PersistentVolumeClaim, dir: string): Promise<void> {
  const want = pendingExpansion(pv, claim);
  if (!want) return;
  await claimStatus(client, claim, (st) => {
    st.conditions = setCondition(removeCondition(st.conditions, 'FileSystemResizePending'), { type: 'Resizing', status: 'True' });
    st.allocatedResources = { ...st.allocatedResources, storage: want.quantity };
    st.allocatedResourceStatuses = { ...st.allocatedResourceStatuses, storage: 'ControllerResizeInProgress' };
  });
  await growRaw(join(dir, 'disk.img'), usableBytes(want.to, claim.spec?.volumeMode));
  await client.mergePatch(R.pvs, undefined, pv.metadata.name!, { spec: { capacity: { storage: want.quantity } } });
  await claimStatus(client, claim, (st) => {
    st.conditions = setCondition(removeCondition(st.conditions, 'Resizing'), { type: 'FileSystemResizePending', status: 'True', message: RESIZE_PENDING_MESSAGE });
    st.allocatedResourceStatuses = { ...st.allocatedResourceStatuses, storage: 'NodeResizePending' };
  });
  // Node expansion: disk.img is the guest's whole disk, so there is no host filesystem to grow;
  // the guest's own partitions and filesystems are the guest's business, as in KubeVirt.
  await claimStatus(client, claim, (st) => {
    st.capacity = { ...st.capacity, storage: want.quantity };
    st.conditions = removeCondition(removeCondition(st.conditions, 'FileSystemResizePending'), 'Resizing');
    if (!st.conditions.length) delete st.conditions;
    if (st.allocatedResourceStatuses) {
      delete st.allocatedResourceStatuses.storage;
      if (!Object.keys(st.allocatedResourceStatuses).length) delete st.allocatedResourceStatuses;
    }
  });
}
