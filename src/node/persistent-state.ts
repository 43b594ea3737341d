// Persistent firmware state (`efi.persistent` EFI variables, `tpm.persistent` TPM state) belongs to
// the VM, as KubeVirt's persistent-state PVC does: on the node under the VM's name, kept across its
// VMIs (restarts), removed once the VM itself is gone — so a VM re-created under the same name
// starts with fresh variables and a fresh TPM, not its predecessor's keys.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VirtualMachine, VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';

/** The owning VM's name, else (a bare VMI) the VMI's own. */
function ownerName(vmi: VirtualMachineInstance): string {
  return vmi.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachine')?.name ?? vmi.metadata.name ?? '';
}

export function persistentEfiVars(dataDir: string, vmi: VirtualMachineInstance): string {
  return join(dataDir, 'efivars', vmi.metadata.namespace ?? 'default', `${ownerName(vmi)}.fd`);
}

export function persistentTpmDir(dataDir: string, vmi: VirtualMachineInstance): string {
  return join(dataDir, 'tpm', vmi.metadata.namespace ?? 'default', ownerName(vmi));
}

function hasPersistentState(vmi: VirtualMachineInstance): boolean {
  const d = vmi.spec?.domain;
  return d?.firmware?.bootloader?.efi?.persistent === true || d?.devices?.tpm?.persistent === true;
}

/** After a VMI's guest is gone: removes the persistent state when no VM will start another VMI with it. */
export async function releasePersistentState(client: KubeClient, dataDir: string, vmi: VirtualMachineInstance): Promise<void> {
  if (!hasPersistentState(vmi)) return;
  const owner = vmi.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachine');
  if (owner) {
    const vm = await client.tryGet<VirtualMachine>(R.vms, vmi.metadata.namespace, owner.name);
    if (vm && vm.metadata.uid === owner.uid && !vm.metadata.deletionTimestamp) return; // the VM lives on
  }
  await rm(persistentEfiVars(dataDir, vmi), { force: true });
  await rm(persistentTpmDir(dataDir, vmi), { recursive: true, force: true });
}
