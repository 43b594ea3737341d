// Node-local claims (local PVs, ReadWriteOnce) move with a migrating guest: the target gets a
// fresh raw disk.img of the same size in its own volume root, the source mirrors the disk into it,
// and once the target runs the PV is re-pointed (path and node affinity) to the target node and the
// source's copy is removed. Until that PV update the source copy stays the claim's only home.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { pvNode } from '../../controllers/storage/pv-build.ts';
import { SELECTED_NODE_ANNOTATION, usableBytes } from '../../controllers/storage/protocol.ts';
import { createBlank } from '../../importer/populate.ts';
import { diskNode } from '../../qemu/layout.ts';
import type { PvcResolver } from '../volumes/index.ts';
import type { LocalDisk } from './local-disks.ts';

export interface LocalClaim extends LocalDisk {
  claimName: string;
  pvName: string;
  /** The Kubernetes node holding the PV's files now. */
  holder: string;
  sizeBytes: number;
}

/** The VMI's writable claims whose PV is node-local (not on the shared root). */
export async function localClaims(client: KubeClient, vmi: VirtualMachineInstance): Promise<LocalClaim[]> {
  const volumes = vmi.spec?.volumes ?? [];
  const out: LocalClaim[] = [];
  const disks = vmi.spec?.domain?.devices?.disks ?? [];
  for (let i = 0; i < disks.length; i++) {
    const v = volumes.find((x) => x.name === disks[i]!.name);
    const claimName = v?.persistentVolumeClaim?.claimName ?? v?.dataVolume?.name;
    if (!claimName) continue;
    const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, vmi.metadata.namespace, claimName);
    const pv = pvc?.spec?.volumeName ? await client.tryGet<PersistentVolume>(R.pvs, undefined, pvc.spec.volumeName) : undefined;
    const holder = pv && pv.spec?.local?.path ? pvNode(pv) : undefined;
    if (!pv || !holder) continue;
    // The size QEMU saw on the source (volumeStatus) is exact; the claim's usable size is a fallback.
    const seen = vmi.status?.volumeStatus?.find((s) => s.name === disks[i]!.name)?.size;
    const capacity = parseQuantity(String(pv.spec?.capacity?.storage ?? pvc?.status?.capacity?.storage ?? 0));
    const sizeBytes = seen ?? usableBytes(capacity, pvc?.spec?.volumeMode);
    out.push({ name: disks[i]!.name, node: diskNode(i), holder, claimName, pvName: pv.metadata.name ?? '', sizeBytes });
  }
  return out;
}

export function targetDir(volumeRoot: string, c: LocalClaim): string {
  return join(volumeRoot, c.pvName);
}

/** Empty raw disks of the right size for the mirror to fill. */
export async function prepareTargetDisks(volumeRoot: string, claims: LocalClaim[]): Promise<void> {
  for (const c of claims) {
    const dir = targetDir(volumeRoot, c);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await createBlank({ dir, sizeBytes: c.sizeBytes });
  }
}

export async function removeTargetDisks(volumeRoot: string, claims: LocalClaim[]): Promise<void> {
  for (const c of claims) await rm(targetDir(volumeRoot, c), { recursive: true, force: true });
}

/** On the target: claims resolve to the copies being filled here, everything else as usual. */
export class TargetPvcResolver implements PvcResolver {
  constructor(
    private readonly base: PvcResolver,
    private readonly volumeRoot: string,
    private readonly claims: LocalClaim[],
  ) {}

  imagePath(namespace: string, claimName: string): Promise<string> {
    const c = this.claims.find((x) => x.claimName === claimName);
    return c ? Promise.resolve(join(targetDir(this.volumeRoot, c), 'disk.img')) : this.base.imagePath(namespace, claimName);
  }
}

/** After the switch-over: the PV (and the claim's selected node) now name this node and path. */
export async function repointVolumes(client: KubeClient, namespace: string | undefined, nodeName: string, volumeRoot: string, claims: LocalClaim[]): Promise<void> {
  for (const c of claims) {
    await client.mergePatch(R.pvs, undefined, c.pvName, {
      spec: {
        local: { path: targetDir(volumeRoot, c) },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName] }] }] } },
      },
    });
    await client.mergePatch(R.pvcs, namespace, c.claimName, { metadata: { annotations: { [SELECTED_NODE_ANNOTATION]: nodeName } } });
  }
}

/** On the source after the switch-over: the copies of claims whose PV now lives elsewhere. */
export async function removeMovedClaims(client: KubeClient, vmi: VirtualMachineInstance, nodeName: string, volumeRoot: string): Promise<void> {
  for (const c of await localClaims(client, vmi)) {
    if (c.holder === nodeName) continue;
    const dir = targetDir(volumeRoot, c);
    const pv = await client.tryGet<PersistentVolume>(R.pvs, undefined, c.pvName);
    if (pv?.spec?.local?.path === dir) continue; // never the claim's current home
    await rm(dir, { recursive: true, force: true });
  }
}
