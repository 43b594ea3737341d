// Real TCG boots of the tiny test guest, checked the way a user would: by what
// appears on the serial console, on QMP and on the guest agent socket.
// Four QEMUs, two at a time (the machine has 2 cores).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JsonLines, buildGuest, guestDir, qmp, startGuest, type Guest } from './guest-helpers.ts';

const BOOT_MS = 45_000;
const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const USER_DATA = '#cloud-config\n# a comment the guest must print verbatim\n#vireo-run: echo "ran-from-user-data $((6 * 7))"\n';

const work = mkdtempSync(join(tmpdir(), 'vireo-guest-boot-'));
const guests: Guest[] = [];
const built = buildGuest();

/** Boot a guest for one test and stop it after, so the cores serve the next boot. */
async function withGuest(args: string[], fn: (g: Guest) => Promise<void>, memoryMiB?: number): Promise<void> {
  await built;
  const g = startGuest(args, { memoryMiB });
  guests.push(g);
  try {
    await fn(g);
  } finally {
    await g.stop();
  }
}

/** The BIOS disk; writes go to a throwaway overlay (snapshot=on). */
const disk = (file = 'disk.qcow2'): string[] => ['-drive', `file=${join(guestDir, file)},format=qcow2,if=none,id=d0,snapshot=on`];

async function assertBootsAndBeats(g: Guest): Promise<void> {
  await g.waitFor(/^VIREO-GUEST-READY$/m, BOOT_MS);
  await g.waitFor(/^vireo-heartbeat 3$/m, 10_000);
  const beats = [...g.serial().matchAll(/^vireo-heartbeat (\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(beats.slice(0, 3), [1, 2, 3]);
}

describe('tiny test guest under TCG', { concurrency: 2, timeout: 150_000 }, () => {
  after(async () => {
    await Promise.all(guests.map((g) => g.stop()));
    rmSync(work, { recursive: true, force: true });
  });

  // One VM, its tests in order: boot, cloud-init, agent, then ACPI power-off.
  describe('from virtio-blk, with a cidata ISO and the guest agent', { concurrency: 1 }, () => {
    let g: Guest;
    before(async () => {
      await built;
      writeFileSync(join(work, 'meta-data'), 'instance-id: iid-boot-test\nlocal-hostname: boot-test-vm\n');
      writeFileSync(join(work, 'user-data'), USER_DATA);
      const iso = join(work, 'seed.iso');
      execFileSync('genisoimage', ['-quiet', '-o', iso, '-volid', 'cidata', '-joliet', '-rock',
        join(work, 'meta-data'), join(work, 'user-data')]);
      g = startGuest([
        ...disk(), '-device', 'virtio-blk-pci,drive=d0,bootindex=1',
        '-drive', `file=${iso},format=raw,if=none,id=cd0,media=cdrom,readonly=on`,
        '-device', 'ide-cd,drive=cd0,bus=ide.2',
      ]);
      guests.push(g);
    });

    it('boots and keeps a heartbeat', () => assertBootsAndBeats(g));

    it('prints the cidata hostname and user-data, and runs #vireo-run lines', async () => {
      await g.waitFor(/^vireo-hostname boot-test-vm$/m, 10_000);
      const block = await g.waitFor(/^vireo-userdata-begin\n([\s\S]*?)\nvireo-userdata-end$/m, 10_000);
      assert.equal(block[1], USER_DATA.trimEnd());
      await g.waitFor(/^ran-from-user-data 42$/m, 10_000);
    });

    it('answers guest-ping, guest-sync and guest-get-osinfo on the agent socket', async () => {
      const manifest = JSON.parse(readFileSync(join(guestDir, 'manifest.json'), 'utf8')) as { kernelVersion: string };
      const agent = await JsonLines.open(g.agentPath);
      try {
        agent.send({ execute: 'guest-ping' });
        assert.deepEqual(await agent.next(15_000), { return: {} });
        agent.send({ execute: 'guest-sync', arguments: { id: 987654 } });
        assert.deepEqual(await agent.next(5000), { return: 987654 });
        agent.send({ execute: 'guest-get-osinfo' });
        const info = (await agent.next(5000)).return as Record<string, string>;
        assert.equal(info.id, 'vireo-tiny');
        assert.equal(info['kernel-release'], manifest.kernelVersion);
        assert.equal(info.machine, 'x86_64');
        agent.send({ execute: 'guest-get-host-name' });
        assert.deepEqual(await agent.next(5000), { return: { 'host-name': 'boot-test-vm' } });
      } finally {
        agent.close();
      }
    });

    it('powers off on QMP system_powerdown, and QEMU exits', async () => {
      assert.deepEqual(await qmp(g.qmpPath, 'system_powerdown'), { return: {} });
      const exit = await Promise.race([
        g.exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('QEMU still running 10 s after system_powerdown')), 10_000)),
      ]);
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.match(g.serial(), /^vireo-poweroff$/m);
    });
  });

  it('boots from SATA (ahci + ide-hd)', () =>
    withGuest([...disk(), '-device', 'ahci,id=sata0', '-device', 'ide-hd,drive=d0,bus=sata0.0,bootindex=1'], assertBootsAndBeats));

  it('boots from SCSI (virtio-scsi + scsi-hd)', () =>
    withGuest([...disk(), '-device', 'virtio-scsi-pci,id=scsi0', '-device', 'scsi-hd,drive=d0,bus=scsi0.0,bootindex=1'], assertBootsAndBeats));

  it('boots the UEFI disk under OVMF', { skip: existsSync(OVMF_CODE) ? false : `${OVMF_CODE} missing (Debian ovmf)` }, () => {
    const vars = join(work, 'OVMF_VARS.fd');
    copyFileSync(OVMF_VARS, vars);
    return withGuest([
      '-drive', `if=pflash,format=raw,readonly=on,file=${OVMF_CODE}`,
      '-drive', `if=pflash,format=raw,file=${vars}`,
      ...disk('disk-uefi.qcow2'), '-device', 'virtio-blk-pci,drive=d0,bootindex=1',
    ], async (g) => {
      await g.waitFor(/^VIREO-GUEST-READY$/m, BOOT_MS);
      await g.waitFor(/^vireo-heartbeat 1$/m, 10_000);
    // OVMF runs out of resources loading the 10 MB unified image into 128 MiB.
    }, 256);
  });
});
