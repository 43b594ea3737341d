// The copy of a stopped VM's volume: its disk.img copied as it is (the snapshot controller keeps
// the VM from starting until the snapshot is done), sparse, reflinked where the file system can.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import type { BackupVolume } from '../../controllers/snapshot/protocol.ts';
import { sparseCopy } from '../../importer/sparse-copy.ts';
import { ownedVolume, type Roots } from '../storage/ownership.ts';
import { commitCopy, copyPath, prepareCopy } from './copy-files.ts';

/** The disk.img of a volume this node holds; throws saying why when it does not. */
export async function volumeImage(client: KubeClient, roots: Roots, v: BackupVolume): Promise<string> {
  const pv = await client.tryGet<PersistentVolume>(R.pvs, undefined, v.pvName);
  const vol = pv && ownedVolume(pv, roots);
  if (!vol) throw new Error(`PersistentVolume ${v.pvName} of claim ${v.claimName} is not on node ${roots.nodeName}`);
  return join(vol.dir, 'disk.img');
}

export async function copyOffline(client: KubeClient, roots: Roots, contentUid: string, v: BackupVolume, signal: AbortSignal): Promise<void> {
  const src = await volumeImage(client, roots, v);
  const dst = copyPath(roots, contentUid, v);
  const tmp = await prepareCopy(dst);
  try {
    await sparseCopy(src, tmp, signal);
    await commitCopy(tmp, dst);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
