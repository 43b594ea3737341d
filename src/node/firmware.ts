// Per-VM firmware state: the OVMF variable store (a copy of the template; with `persistent` it is
// kept per VM in <dataDir>/efivars/<namespace>/<vm>.fd so it survives restarts) and swtpm, started
// on a socket in the run dir when the spec has a TPM (persistent state per VM, else per VMI).
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { DEBIAN_OVMF } from '../qemu/launch-spec.ts';
import type { RunDir } from './run-dir.ts';
import { VmiFailure } from './vmi-failure.ts';

const exec = promisify(execFile);

const exists = (p: string) => access(p).then(() => true, () => false);

/** The VM a VMI belongs to (its controller owner), else the VMI itself. */
function vmName(vmi: VirtualMachineInstance): string {
  return vmi.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachine')?.name ?? vmi.metadata.name ?? '';
}

export interface Firmware {
  efiVars?: string;
  swtpmSocket?: string;
}

export async function prepareFirmware(vmi: VirtualMachineInstance, run: RunDir, dataDir: string): Promise<Firmware> {
  const out: Firmware = {};
  const efi = vmi.spec?.domain?.firmware?.bootloader?.efi;
  const ns = vmi.metadata.namespace ?? 'default';
  if (efi) {
    const template = efi.secureBoot !== false ? DEBIAN_OVMF.secureVars : DEBIAN_OVMF.vars;
    if (!(await exists(template))) throw new VmiFailure('FirmwareNotFound', `OVMF variable template ${template} is missing on this node (install the ovmf package)`);
    const vars = efi.persistent ? join(dataDir, 'efivars', ns, `${vmName(vmi)}.fd`) : join(run.dir, 'efivars.fd');
    await mkdir(join(vars, '..'), { recursive: true });
    if (!(await exists(vars))) await copyFile(template, vars);
    out.efiVars = vars;
  }
  const tpm = vmi.spec?.domain?.devices?.tpm;
  if (tpm && tpm.enabled !== false) out.swtpmSocket = await startSwtpm(run, tpm.persistent ? join(dataDir, 'tpm', ns, vmName(vmi)) : join(run.dir, 'tpm'));
  return out;
}

/** swtpm daemonised with --terminate: it exits when QEMU (its one client) goes. */
async function startSwtpm(run: RunDir, stateDir: string): Promise<string> {
  const socket = join(run.dir, 'swtpm.sock');
  if (await exists(socket)) return socket; // adopted/retried start: swtpm already serves QEMU
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  try {
    await exec('swtpm', [
      'socket', '--tpm2', '--daemon', '--terminate',
      '--tpmstate', `dir=${stateDir}`,
      '--ctrl', `type=unixio,path=${socket}`,
      '--pid', `file=${join(run.dir, 'swtpm.pid')}`,
      '--log', `file=${join(run.dir, 'swtpm.log')}`,
    ]);
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? (e as Error).message;
    throw new VmiFailure('TPMFailed', `swtpm did not start: ${stderr.trim()}`);
  }
  return socket;
}
