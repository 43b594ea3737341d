// Per-VM firmware state: the OVMF variable store (a copy of the template; with `persistent` it is
// kept per VM in <dataDir>/efivars/<namespace>/<vm>.fd so it survives restarts) and swtpm, started
// on a socket in the run dir when the spec has a TPM (persistent state per VM, else per VMI; the
// per-VM files go with the VM, persistent-state.ts).
import { access, copyFile, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { DEBIAN_OVMF } from '../qemu/launch-spec.ts';
import { persistentEfiVars, persistentTpmDir } from './persistent-state.ts';
import type { RunDir } from './run-dir.ts';
import { startSwtpm } from './swtpm.ts';
import { VmiFailure } from './vmi-failure.ts';

const exists = (p: string) => access(p).then(() => true, () => false);

export interface Firmware {
  efiVars?: string;
  swtpmSocket?: string;
}

export async function prepareFirmware(vmi: VirtualMachineInstance, run: RunDir, dataDir: string): Promise<Firmware> {
  const out: Firmware = {};
  const efi = vmi.spec?.domain?.firmware?.bootloader?.efi;
  if (efi) {
    const template = efi.secureBoot !== false ? DEBIAN_OVMF.secureVars : DEBIAN_OVMF.vars;
    if (!(await exists(template))) throw new VmiFailure('FirmwareNotFound', `OVMF variable template ${template} is missing on this node (install the ovmf package)`);
    const vars = efi.persistent ? persistentEfiVars(dataDir, vmi) : join(run.dir, 'efivars.fd');
    await mkdir(join(vars, '..'), { recursive: true });
    if (!(await exists(vars))) {
      // Copied aside and renamed, so an agent killed mid-copy never leaves a torn store behind.
      await copyFile(template, `${vars}.tmp`);
      await rename(`${vars}.tmp`, vars);
    }
    out.efiVars = vars;
  }
  const tpm = vmi.spec?.domain?.devices?.tpm;
  if (tpm && tpm.enabled !== false) out.swtpmSocket = await startSwtpm(run.dir, tpm.persistent ? persistentTpmDir(dataDir, vmi) : join(run.dir, 'tpm'));
  return out;
}
