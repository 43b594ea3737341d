// status.volumeStatus as KubeVirt reports it: one entry per volume with its disk's size in bytes,
// read from QEMU itself (query-block). A migration target sizes its copies of node-local claims
// from it, so they match the source byte for byte.
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { diskNode } from '../qemu/layout.ts';
import type { RunningGuest } from './guest.ts';

type VolumeStatus = NonNullable<NonNullable<VirtualMachineInstance['status']>['volumeStatus']>[number];

interface BlockInfo {
  inserted?: { 'node-name'?: string; image?: { 'virtual-size'?: number } };
}

export async function readVolumeStatus(vmi: VirtualMachineInstance, guest: RunningGuest): Promise<VolumeStatus[]> {
  const blocks = await guest.qmp.execute<BlockInfo[]>('query-block');
  const sizes = new Map(blocks.map((b) => [b.inserted?.['node-name'], b.inserted?.image?.['virtual-size']]));
  return (vmi.spec?.domain?.devices?.disks ?? []).map((d, i) => {
    const size = sizes.get(diskNode(i));
    return { name: d.name, ...(size !== undefined ? { size } : {}) };
  });
}
