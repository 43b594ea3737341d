// End to end with real QEMU under TCG: UEFI (OVMF) boots the unsigned UEFI test disk; persistent EFI
// variables survive a restart (the guest writes a variable through efivarfs and reads it back after
// the restart); secure boot refuses that unsigned loader and the VMI fails saying so; a blank disk
// under UEFI fails instead of idling in OVMF's shell; a TPM (swtpm) is seen by the guest, stopped
// and removed with its VMI, kept across restarts when persistent (until the VM is deleted), and
// never left behind by a QEMU that failed to start.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { NS, TINY_UEFI_IMAGE, guestSpec, guestVm, guestVmi, restartVm, runDirOf, serialLine, serialText, stageGuestImages, swtpmPids, vmiInPhase, vmiRunning } from './support/guest-e2e.ts';
import { isAlive, qemuPids } from './support/guests.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;

const BOOT_MS = 90_000;
const READY = /^VIREO-GUEST-READY$/m;
const VAR = '/sys/firmware/efi/efivars/VireoMark-5e2c2f4a-3b3c-4d7e-9a51-0a6f1c2d3e4f';
/** Prints the variable a previous boot left (or none), then stores this boot's id in it (attributes NV|BS|RT). */
const EFIVAR_RUN = [
  `modprobe efivarfs && mount -t efivarfs efivarfs /sys/firmware/efi/efivars; if [ -e ${VAR} ]; then echo "vireo-efivar-read $(tail -c +5 ${VAR})"; else echo vireo-efivar-read none; fi; b=$(cat /proc/sys/kernel/random/boot_id); printf "\\007\\000\\000\\000$b" >${VAR} && echo "vireo-efivar-written $b"`,
];
const TPM_RUN = ['echo "vireo-tpm $(cat /sys/class/tpm/tpm0/tpm_version_major 2>/dev/null || echo none)"'];
const EFI = { firmware: { bootloader: { efi: { secureBoot: false } } } };

const swtpmPidOf = (uid: string): number => Number(readFileSync(join(runDirOf(tcp.dataDir, uid), 'swtpm.pid'), 'utf8').trim());
const cmdline = (pid: number): string => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');

async function failedWith(name: string): Promise<{ vmi: VirtualMachineInstance; reason: string; message: string }> {
  const vmi = await vmiInPhase(tcp.client, name, ['Failed', 'Succeeded'], BOOT_MS);
  const ready = vmi.status?.conditions?.find((c) => c.type === 'Ready');
  return { vmi, reason: ready?.reason ?? '', message: ready?.message ?? '' };
}

async function warningEvents(name: string): Promise<string[]> {
  const list = await tcp.client.list<KubeObject & { reason: string; type: string; involvedObject: { name: string } }>(R.events, NS);
  return list.items.filter((e) => e.involvedObject.name === name && e.type === 'Warning').map((e) => e.reason);
}

describe('firmware: UEFI, secure boot, TPM (TCG)', { concurrency: true, timeout: 240_000 }, () => {
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageGuestImages(join(tcp.dataDir, 'images'));
  });
  after(async () => {
    await tcp?.stop();
  });

  it('UEFI with persistent EFI variables and a persistent TPM: a variable the guest wrote survives a restart', async () => {
    const name = 'fw-efivars';
    await tcp.client.create(R.vms, NS, guestVm(name, {
      image: TINY_UEFI_IMAGE,
      domain: { firmware: { bootloader: { efi: { secureBoot: false, persistent: true } } } },
      devices: { tpm: { persistent: true } },
      run: [...EFIVAR_RUN, ...TPM_RUN],
    }));
    const first = await vmiRunning(tcp.client, name, BOOT_MS);
    const uid1 = first.metadata.uid!;
    await serialLine(tcp.dataDir, uid1, READY, BOOT_MS);
    assert.match(serialText(tcp.dataDir, uid1), /BdsDxe: starting Boot0001/, 'OVMF booted the disk');
    await serialLine(tcp.dataDir, uid1, /^vireo-efivar-read none$/m, 30_000);
    const written = (await serialLine(tcp.dataDir, uid1, /^vireo-efivar-written (\S+)$/m, 30_000))[1]!;
    await serialLine(tcp.dataDir, uid1, /^vireo-tpm 2$/m, 30_000);

    // The VM's own vars store, outside the VMI's run dir; OVMF wrote the variable into it.
    const vars = join(tcp.dataDir, 'efivars', NS, `${name}.fd`);
    const ino = statSync(vars).ino;
    assert.ok(readFileSync(vars).includes(Buffer.from('VireoMark', 'utf16le')), 'the variable is in the vars file');
    const tpmState = join(tcp.dataDir, 'tpm', NS, name);
    assert.match(cmdline(swtpmPidOf(uid1)), new RegExp(`--tpmstate dir=${tpmState} `));
    assert.ok(existsSync(join(tpmState, 'tpm2-00.permall')), 'swtpm keeps its state in the VM\'s directory');

    await restartVm(tcp.client, name);
    const second = await vmiRunning(tcp.client, name, BOOT_MS, uid1);
    const uid2 = second.metadata.uid!;
    const read = (await serialLine(tcp.dataDir, uid2, /^vireo-efivar-read (\S+)$/m, BOOT_MS))[1];
    assert.equal(read, written, 'the variable written before the restart was read back after it');
    assert.equal(statSync(vars).ino, ino, 'the same vars file, not a fresh copy');
    await serialLine(tcp.dataDir, uid2, /^vireo-tpm 2$/m, 30_000);
    assert.match(cmdline(swtpmPidOf(uid2)), new RegExp(`--tpmstate dir=${tpmState} `), 'the new swtpm uses the kept state');
    assert.equal(existsSync(runDirOf(tcp.dataDir, uid1)), false, 'the first VMI\'s run dir is gone');

    await tcp.client.delete(R.vms, NS, name);
    await waitFor('the VMI to be gone', 40_000, async () => ((await tcp.client.tryGet(R.vmis, NS, name)) ? undefined : true), 200);
    assert.deepEqual(swtpmPids(uid2), [], 'swtpm ended with its QEMU');
    // The state belongs to the VM: a VM re-created under this name must not inherit its keys.
    assert.equal(existsSync(vars), false, 'the VM\'s vars file went with the VM');
    assert.equal(existsSync(tpmState), false, 'the VM\'s TPM state went with the VM');
  });

  it('UEFI without persistence and a TPM: the guest sees TPM 2.0; deleting the VMI ends swtpm and removes its state', async () => {
    const name = 'fw-tpm';
    await tcp.client.create(R.vmis, NS, guestVmi(name, { image: TINY_UEFI_IMAGE, domain: EFI, devices: { tpm: {} }, run: TPM_RUN }));
    const vmi = await vmiRunning(tcp.client, name, BOOT_MS);
    const uid = vmi.metadata.uid!;
    const run = runDirOf(tcp.dataDir, uid);
    await serialLine(tcp.dataDir, uid, READY, BOOT_MS);
    await serialLine(tcp.dataDir, uid, /^vireo-tpm 2$/m, 30_000);
    assert.ok(existsSync(join(run, 'efivars.fd')), 'the vars copy lives in the run dir');
    const swtpm = swtpmPidOf(uid);
    assert.ok(isAlive(swtpm));
    assert.match(cmdline(swtpm), new RegExp(`--tpmstate dir=${join(run, 'tpm')} `));
    assert.ok(existsSync(join(run, 'tpm', 'tpm2-00.permall')));

    await tcp.client.delete(R.vmis, NS, name);
    await waitFor('the VMI to be gone', 40_000, async () => ((await tcp.client.tryGet(R.vmis, NS, name)) ? undefined : true), 200);
    await waitFor('swtpm to end', 5000, () => !isAlive(swtpm) || undefined, 100);
    assert.equal(existsSync(run), false, 'the run dir with the TPM state and vars copy is gone');
    assert.equal(existsSync(join(tcp.dataDir, 'tpm', NS, name)), false, 'nothing persistent was made');
  });

  it('secure boot refuses the unsigned loader: the guest never runs, the VMI fails saying why, no QEMU is left', async () => {
    const name = 'fw-secure';
    await tcp.client.create(R.vmis, NS, guestVmi(name, {
      image: TINY_UEFI_IMAGE,
      domain: { firmware: { bootloader: { efi: { secureBoot: true } } }, features: { smm: { enabled: true } } },
    }));
    const { vmi, reason, message } = await failedWith(name);
    assert.equal(vmi.status?.phase, 'Failed');
    assert.equal(reason, 'BootFailed');
    assert.match(message, /^secure boot refused to start the boot loader: it is not signed by a key the firmware trusts \(Boot0001 "UEFI Misc Device": Access Denied/);
    const serial = serialText(tcp.dataDir, vmi.metadata.uid!);
    assert.match(serial, /BdsDxe: failed to load Boot0001 "UEFI Misc Device" from \S+: Access Denied/);
    assert.doesNotMatch(serial, /VIREO-GUEST-READY/);
    assert.ok((await warningEvents(name)).includes('BootFailed'));
    await waitFor('QEMU gone', 20_000, () => qemuPids(vmi.metadata.uid!).length === 0 || undefined, 250);
    await tcp.client.delete(R.vmis, NS, name);
  });

  it('a blank disk under UEFI fails the VMI instead of idling in the firmware shell', async () => {
    const name = 'fw-blank';
    const spec = guestSpec({ domain: EFI });
    spec.volumes![0] = { name: 'root', emptyDisk: { capacity: '16Mi' } };
    await tcp.client.create(R.vmis, NS, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name, namespace: NS }, spec });
    const { vmi, reason, message } = await failedWith(name);
    assert.equal(reason, 'BootFailed');
    assert.match(message, /^no bootable disk: the UEFI firmware found nothing to boot and started its built-in shell \(Boot0001 "UEFI Misc Device": Not Found/);
    await waitFor('QEMU gone', 20_000, () => qemuPids(vmi.metadata.uid!).length === 0 || undefined, 250);
    await tcp.client.delete(R.vmis, NS, name);
  });

  it('a QEMU that fails to start leaves no swtpm behind', async () => {
    const name = 'fw-tpm-badmachine';
    // Passes admission and the argv builder, but this QEMU has no such machine type: it exits before connecting to swtpm.
    await tcp.client.create(R.vmis, NS, guestVmi(name, { domain: { machine: { type: 'pc-q35-99.9' } }, devices: { tpm: {} } }));
    const { vmi, reason } = await failedWith(name);
    assert.equal(reason, 'QemuFailed');
    await waitFor('no swtpm for the failed VMI', 5000, () => swtpmPids(vmi.metadata.uid!).length === 0 || undefined, 100);
    await tcp.client.delete(R.vmis, NS, name);
  });
});
