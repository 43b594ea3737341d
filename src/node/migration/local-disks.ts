// Which of a guest's disks live on the node and so must travel with it (mirrored over NBD while
// it runs): the writable copies the agent made for it — container-disk and ephemeral overlays and
// emptyDisks. Read-only media the target rebuilds by itself (cloud-init) and ReadWriteMany claims
// both nodes see stay where they are. Node-local claims and hostDisks make the VMI not
// live-migratable (see migratable.ts), so they never reach this list.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { diskNode } from '../../qemu/layout.ts';

export interface LocalDisk {
  /** The disk's name in the spec. */
  name: string;
  /** QEMU format node of the disk (the NBD export on the target, the mirror source). */
  node: string;
}

export function localDisks(vmi: VirtualMachineInstance): LocalDisk[] {
  const volumes = vmi.spec?.volumes ?? [];
  const out: LocalDisk[] = [];
  (vmi.spec?.domain?.devices?.disks ?? []).forEach((d, i) => {
    const v = volumes.find((x) => x.name === d.name);
    if (v && (v.containerDisk || v.emptyDisk || v.ephemeral)) out.push({ name: d.name, node: diskNode(i) });
  });
  return out;
}
