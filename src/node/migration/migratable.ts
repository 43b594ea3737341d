// The LiveMigratable condition's verdict for what only the API knows: a claim that is not
// ReadWriteMany lives on one node (moving node-local claims is not built yet), so the VMI cannot
// move. The spec-only rules (hostDisk, bridge NICs) are in ../vmi-status.ts.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';

export async function claimsNotMigratable(client: KubeClient, vmi: VirtualMachineInstance): Promise<{ reason: string; message: string } | undefined> {
  for (const v of vmi.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name ?? v.ephemeral?.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, vmi.metadata.namespace, claim);
    const modes = pvc?.status?.accessModes ?? pvc?.spec?.accessModes ?? [];
    if (!modes.includes('ReadWriteMany')) {
      return {
        reason: 'DisksNotLiveMigratable',
        message: `cannot migrate VMI: PVC ${claim} is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)`,
      };
    }
  }
  return undefined;
}
