// The LiveMigratable condition's verdict for what only the API knows. Node-local claims used as
// disks move with the guest (local-claims.ts), but an ephemeral overlay's read-only base must be
// readable on the target too, so a base claim that is not ReadWriteMany pins the VMI to its node.
// The spec-only rules (hostDisk, bridge NICs) are in ../vmi-status.ts.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';

export async function claimsNotMigratable(client: KubeClient, vmi: VirtualMachineInstance): Promise<{ reason: string; message: string } | undefined> {
  for (const v of vmi.spec?.volumes ?? []) {
    const claim = v.ephemeral?.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, vmi.metadata.namespace, claim);
    const modes = pvc?.status?.accessModes ?? pvc?.spec?.accessModes ?? [];
    if (!modes.includes('ReadWriteMany')) {
      return {
        reason: 'DisksNotLiveMigratable',
        message: `cannot migrate VMI: the ephemeral volume "${v.name}" reads PVC ${claim}, which is not shared (ReadWriteMany), so the target node cannot read it`,
      };
    }
  }
  return undefined;
}
