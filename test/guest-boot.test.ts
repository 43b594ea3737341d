// Real TCG boots of the tiny test guest, checked the way a user would: by what
// appears on the serial console, on QMP and on the guest agent socket.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JsonLines, buildGuest, guestDir, qmp, startGuest, type Guest } from './guest-helpers.ts';

const BOOT_MS = 45_000;
const guests: Guest[] = [];
let seedIso = '';
let seedDir = '';

function boot(args: string[]): Guest {
  const g = startGuest(args);
  guests.push(g);
  return g;
}

/** The disk, read-only to QEMU's file (writes go to a throwaway overlay). */
const disk = (): string[] => ['-drive', `file=${join(guestDir, 'disk.qcow2')},format=qcow2,if=none,id=d0,snapshot=on`];
const virtioDisk = (): string[] => [...disk(), '-device', 'virtio-blk-pci,drive=d0,bootindex=1'];

async function assertBootsAndBeats(g: Guest): Promise<void> {
  await g.waitFor(/^VIREO-GUEST-READY$/m, BOOT_MS);
  await g.waitFor(/^vireo-heartbeat 3$/m, 10_000);
  const beats = [...g.serial().matchAll(/^vireo-heartbeat (\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(beats.slice(0, 3), [1, 2, 3]);
}

describe('tiny test guest under TCG', { concurrency: 2, timeout: 120_000 }, () => {
  before(async () => {
    await buildGuest();
    seedDir = mkdtempSync(join(tmpdir(), 'vireo-cidata-'));
    writeFileSync(join(seedDir, 'meta-data'), 'instance-id: iid-boot-test\nlocal-hostname: boot-test-vm\n');
    writeFileSync(
      join(seedDir, 'user-data'),
      '#cloud-config\n# a comment the guest must print verbatim\n#vireo-run: echo "ran-from-user-data $((6 * 7))"\n',
    );
    seedIso = join(seedDir, 'seed.iso');
    execFileSync('genisoimage', ['-quiet', '-o', seedIso, '-volid', 'cidata', '-joliet', '-rock',
      join(seedDir, 'meta-data'), join(seedDir, 'user-data')]);
  });

  after(async () => {
    await Promise.all(guests.map((g) => g.stop()));
    if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  });

  it('boots from virtio-blk and keeps a heartbeat', async () => {
    await assertBootsAndBeats(boot(virtioDisk()));
  });

  it('boots from SATA (ahci + ide-hd)', async () => {
    await assertBootsAndBeats(boot([...disk(), '-device', 'ahci,id=sata0', '-device', 'ide-hd,drive=d0,bus=sata0.0,bootindex=1']));
  });

  it('boots from SCSI (virtio-scsi + scsi-hd)', async () => {
    await assertBootsAndBeats(boot([...disk(), '-device', 'virtio-scsi-pci,id=scsi0', '-device', 'scsi-hd,drive=d0,bus=scsi0.0,bootindex=1']));
  });

  it('reads a cidata ISO: hostname, user-data, #vireo-run lines', async () => {
    const g = boot([
      ...virtioDisk(),
      '-drive', `file=${seedIso},format=raw,if=none,id=cd0,media=cdrom,readonly=on`,
      '-device', 'ide-cd,drive=cd0,bus=ide.2',
    ]);
    await g.waitFor(/^vireo-hostname boot-test-vm$/m, BOOT_MS);
    const block = await g.waitFor(/^vireo-userdata-begin\n([\s\S]*?)\nvireo-userdata-end$/m, 10_000);
    assert.equal(block[1], readFileSync(join(seedDir, 'user-data'), 'utf8').trimEnd());
    await g.waitFor(/^ran-from-user-data 42$/m, 10_000);
  });

  it('powers off on QMP system_powerdown and QEMU exits', async () => {
    const g = boot(virtioDisk());
    // acpid is started before READY; one heartbeat later it is surely listening.
    await g.waitFor(/^vireo-heartbeat 1$/m, BOOT_MS);
    const sent = Date.now();
    assert.deepEqual(await qmp(g.qmpPath, 'system_powerdown'), { return: {} });
    const exit = await Promise.race([
      g.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('QEMU still running 10 s after system_powerdown')), 10_000)),
    ]);
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(g.serial(), /^vireo-poweroff$/m);
    assert.ok(Date.now() - sent < 10_000);
  });

  it('answers guest-ping and guest-get-osinfo on the guest agent socket', async () => {
    const g = boot(virtioDisk());
    await g.waitFor(/^VIREO-GUEST-READY$/m, BOOT_MS);
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
    } finally {
      agent.close();
    }
  });
});
