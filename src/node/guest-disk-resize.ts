// Online disk expansion, KubeVirt's ExpandDisks feature gate (always on in Vireo): when a claim's
// status.capacity changes (the node holding the volume grew its disk.img, storage/expand.ts), every
// guest on this node that uses the claim is told with QMP `block_resize` on the disk's block node
// (diskNode(i)), so the guest sees the bigger disk without a restart. The new size is the file's own
// size (raw disk.img), never less than QEMU's. The VMI's volumeStatus sizes follow, since a
// migration target sizes its copies of local claims from them.
import { stat } from 'node:fs/promises';
import type { PersistentVolumeClaim } from '../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { KubeClient } from '../client/client.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { R } from '../client/resources.ts';
import { diskNode } from '../qemu/layout.ts';
import type { RunningGuest } from './guest.ts';
import { isLoopDevice, loopDeviceBytes, refreshLoopCapacity } from './storage/loop-device.ts';
import { updateStatus } from './status.ts';
import { readVolumeStatus } from './volume-status.ts';

interface BlockInfo {
  inserted?: { 'node-name'?: string; drv?: string; file?: string; image?: { filename?: string; 'virtual-size'?: number } };
}

/** Disk indexes of `vmi` backed by claim `claim` (a persistentVolumeClaim or dataVolume volume). */
export function disksOfClaim(vmi: VirtualMachineInstance, claim: string): number[] {
  const volumes = vmi.spec?.volumes ?? [];
  const out: number[] = [];
  (vmi.spec?.domain?.devices?.disks ?? []).forEach((d, i) => {
    const v = volumes.find((x) => x.name === d.name);
    if ((v?.persistentVolumeClaim?.claimName ?? v?.dataVolume?.name) === claim) out.push(i);
  });
  return out;
}

/** A raw file's size; a Block claim's loop device first takes its grown file's size (losetup -c). */
async function currentBytes(file: string): Promise<number> {
  if (!isLoopDevice(file)) return (await stat(file)).size;
  await refreshLoopCapacity(file);
  return loopDeviceBytes(file);
}

/** Tells QEMU about grown raw files behind `indexes`; returns the block nodes resized. */
export async function resizeGuestDisks(guest: RunningGuest, indexes: number[]): Promise<string[]> {
  const blocks = await guest.qmp.execute<BlockInfo[]>('query-block');
  const done: string[] = [];
  for (const i of indexes) {
    const node = diskNode(i);
    const b = blocks.find((x) => x.inserted?.['node-name'] === node)?.inserted;
    const file = b?.image?.filename ?? b?.file;
    const seen = b?.image?.['virtual-size'];
    // Only raw images: the file's size is the disk's size (a qcow2 would need qemu-img's view).
    if (!b || b.drv !== 'raw' || !file || seen === undefined) continue;
    const size = Math.floor((await currentBytes(file)) / 512) * 512;
    if (size <= seen) continue;
    await guest.qmp.execute('block_resize', { 'node-name': node, size });
    done.push(node);
  }
  return done;
}

export class GuestDiskResizer {
  private pvcs: Informer<PersistentVolumeClaim>;
  private capacity = new Map<string, string | undefined>();
  private chains = new Map<string, Promise<void>>();

  constructor(
    private readonly client: KubeClient,
    private readonly guests: () => RunningGuest[],
  ) {
    this.pvcs = new Informer(client, R.pvcs);
    this.pvcs.on((_t, pvc) => {
      const key = objectKey(pvc);
      const cap = pvc.status?.capacity?.storage === undefined ? undefined : String(pvc.status.capacity.storage);
      const known = this.capacity.has(key);
      const before = this.capacity.get(key);
      this.capacity.set(key, cap);
      if (known && before !== cap && cap !== undefined && !pvc.metadata.deletionTimestamp) this.claimGrew(pvc);
    });
  }

  async start(): Promise<void> {
    this.pvcs.start();
    await this.pvcs.waitForSync();
  }

  async stop(): Promise<void> {
    await this.pvcs.stop();
    await Promise.all(this.chains.values());
  }

  private claimGrew(pvc: PersistentVolumeClaim): void {
    const ns = pvc.metadata.namespace;
    for (const guest of this.guests()) {
      if (!guest.key.startsWith(`${ns}/`) || guest.migratingOut) continue;
      const prev = this.chains.get(guest.uid) ?? Promise.resolve();
      const next = prev
        .then(() => this.resize(guest, pvc.metadata.name ?? ''))
        .catch((e: unknown) => console.error(`node agent: cannot resize the disks of ${guest.key} for claim ${objectKey(pvc)}: ${(e as Error).message}`));
      this.chains.set(guest.uid, next);
      void next.finally(() => {
        if (this.chains.get(guest.uid) === next) this.chains.delete(guest.uid);
      });
    }
  }

  private async resize(guest: RunningGuest, claim: string): Promise<void> {
    const [ns, name] = guest.key.split('/') as [string, string];
    const vmi = await this.client.tryGet<VirtualMachineInstance>(R.vmis, ns, name);
    if (!vmi || vmi.metadata.uid !== guest.uid) return;
    const indexes = disksOfClaim(vmi, claim);
    if (!indexes.length) return;
    const resized = await resizeGuestDisks(guest, indexes);
    if (!resized.length) return;
    console.error(`node agent: ${guest.key}: block_resize of ${resized.join(', ')} after claim ${ns}/${claim} grew`);
    const volumeStatus = await readVolumeStatus(vmi, guest);
    await updateStatus<VirtualMachineInstance>(this.client, R.vmis, ns, name, (v) => {
      if (v.metadata.uid !== guest.uid || !v.status?.volumeStatus) return false;
      const sizes = new Map(volumeStatus.map((s) => [s.name, s.size]));
      v.status.volumeStatus = v.status.volumeStatus.map((s) => (sizes.get(s.name) !== undefined ? { ...s, size: sizes.get(s.name) } : s));
    });
  }
}
