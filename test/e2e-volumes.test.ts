// End to end with real QEMU under TCG, the volume kinds as the guest sees them: a hostDisk of type
// DiskOrCreate becomes a sparse file of its capacity and the guest a disk of that size; a hostDisk
// of type Disk that does not exist fails the VMI saying so; an emptyDisk is a disk of its capacity
// whose file goes with the VMI; an ephemeral volume over a blank DataVolume takes the guest's writes
// but loses them at a restart (its backing disk.img is never written), while a dataVolume keeps them.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { NS, guestVm, guestVmi, restartVm, runDirOf, serialLine, stageGuestImages, vmiInPhase, vmiRunning } from './support/guest-e2e.ts';
import { qemuPids } from './support/guests.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let hostDir: string;

const BOOT_MS = 90_000;
const MiB = 1024 * 1024;
/** One line per virtio disk: its serial and its size in 512-byte sectors. */
const LIST_DISKS = 'for d in /sys/block/vd*; do echo "vireo-disk $(cat $d/serial) $(cat $d/size)"; done';
/** For each disk serial: print the marker a previous boot left (or none), then write this boot's. */
const MARKERS = (serials: string[]) =>
  `for s in ${serials.join(' ')}; do for d in /sys/block/vd*; do [ "$(cat $d/serial)" = "$s" ] && dev=/dev/\${d##*/}; done; ` +
  'm=$(dd if=$dev bs=64 count=1 2>/dev/null | tr -dc a-z0-9-); echo "vireo-marker-read $s ${m:-none}"; ' +
  'echo "mark-$s-$(cat /proc/sys/kernel/random/boot_id)" | dd of=$dev conv=fsync 2>/dev/null && echo "vireo-marker-written $s mark-$s-$(cat /proc/sys/kernel/random/boot_id)"; done';

const disk = (name: string) => ({ name, serial: name, disk: { bus: 'virtio' } });

/** The first `n` bytes of a file, with NULs dropped (a blank disk reads as ''). */
function head(path: string, n = 64): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got).toString('latin1').replace(/\0/g, '').trim();
  } finally {
    closeSync(fd);
  }
}

async function claimDisk(claim: string): Promise<string> {
  const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim);
  const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
  return join(pv.spec?.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

async function blankDataVolume(name: string): Promise<void> {
  const dv: DataVolume = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '64Mi' } } } },
  };
  await tcp.client.create(R.datavolumes, NS, dv);
  const done = await waitFor(`DataVolume ${name} to finish`, 60_000, async () => {
    const d = await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, name);
    return d?.status?.phase === 'Succeeded' || d?.status?.phase === 'Failed' ? d : undefined;
  }, 200);
  assert.equal(done.status?.phase, 'Succeeded', JSON.stringify(done.status?.conditions));
}

describe('volumes as the guest sees them (TCG)', { concurrency: true, timeout: 240_000 }, () => {
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageGuestImages(join(tcp.dataDir, 'images'));
    hostDir = mkdtempSync(join(tmpdir(), 'vireo-hostdisk-'));
  });
  after(async () => {
    await tcp?.stop();
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  it('hostDisk DiskOrCreate and emptyDisk: sparse files of their capacity, disks of that size; the emptyDisk goes with the VMI', async () => {
    const name = 'vol-disks';
    const path = join(hostDir, 'created', 'data.img');
    await tcp.client.create(R.vmis, NS, guestVmi(name, {
      disks: [disk('hostdisk'), disk('scratch')],
      volumes: [
        { name: 'hostdisk', hostDisk: { path, type: 'DiskOrCreate', capacity: '64Mi' } },
        { name: 'scratch', emptyDisk: { capacity: '32Mi' } },
      ],
      run: [LIST_DISKS],
    }));
    const vmi = await vmiRunning(tcp.client, name, BOOT_MS);
    const uid = vmi.metadata.uid!;
    await serialLine(tcp.dataDir, uid, /^vireo-disk hostdisk 131072$/m, BOOT_MS);
    await serialLine(tcp.dataDir, uid, /^vireo-disk scratch 65536$/m, 10_000);

    const st = statSync(path);
    assert.equal(st.size, 64 * MiB, 'the created file has the capacity');
    assert.ok(st.blocks * 512 < MiB, `the created file is sparse (${st.blocks * 512} bytes allocated)`);
    const scratch = join(runDirOf(tcp.dataDir, uid), 'emptydisk-scratch.qcow2');
    assert.ok(existsSync(scratch), 'the emptyDisk lives in the run dir');

    await tcp.client.delete(R.vmis, NS, name);
    await waitFor('the VMI to be gone', 40_000, async () => ((await tcp.client.tryGet(R.vmis, NS, name)) ? undefined : true), 200);
    assert.equal(existsSync(scratch), false, 'the emptyDisk went with the VMI');
    assert.equal(existsSync(runDirOf(tcp.dataDir, uid)), false);
    assert.equal(statSync(path).size, 64 * MiB, 'the hostDisk is the node\'s file and stays');
  });

  it('hostDisk of type Disk on a missing path fails the VMI with the path and what to do, and starts no QEMU', async () => {
    const name = 'vol-missing';
    const path = join(hostDir, 'missing', 'nope.img');
    await tcp.client.create(R.vmis, NS, guestVmi(name, { disks: [disk('hostdisk')], volumes: [{ name: 'hostdisk', hostDisk: { path, type: 'Disk' } }] }));
    const vmi = await vmiInPhase(tcp.client, name, ['Failed', 'Running'], 30_000);
    assert.equal(vmi.status?.phase, 'Failed');
    assert.equal(vmi.status?.reason, 'HostDiskNotFound', JSON.stringify(vmi.status?.conditions));
    const ready = vmi.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.message, `volume "hostdisk": hostDisk ${path} does not exist on this node (type Disk; use DiskOrCreate with a capacity to create it)`);
    assert.deepEqual(qemuPids(vmi.metadata.uid!), []);
    assert.equal(existsSync(path), false, 'nothing was created');
    await tcp.client.delete(R.vmis, NS, name);
  });

  it('ephemeral over a blank DataVolume: writes are discarded at a restart; a dataVolume keeps them', async () => {
    const name = 'vol-eph';
    await Promise.all([blankDataVolume('eph-base'), blankDataVolume('eph-keep')]);
    await tcp.client.create(R.vms, NS, guestVm(name, {
      disks: [disk('eph'), disk('keep')],
      volumes: [
        { name: 'eph', ephemeral: { persistentVolumeClaim: { claimName: 'eph-base' } } },
        { name: 'keep', dataVolume: { name: 'eph-keep' } },
      ],
      run: [MARKERS(['eph', 'keep'])],
    }));
    const first = await vmiRunning(tcp.client, name, BOOT_MS);
    const uid1 = first.metadata.uid!;
    for (const s of ['eph', 'keep']) await serialLine(tcp.dataDir, uid1, new RegExp(`^vireo-marker-read ${s} none$`, 'm'), BOOT_MS);
    const ephMark = (await serialLine(tcp.dataDir, uid1, /^vireo-marker-written eph (\S+)$/m, 20_000))[1]!;
    const keepMark = (await serialLine(tcp.dataDir, uid1, /^vireo-marker-written keep (\S+)$/m, 20_000))[1]!;
    // The guest's write went to the VMI's overlay; the claim's own disk was never written.
    assert.equal(head(await claimDisk('eph-base')), '', 'the ephemeral backing disk is untouched');
    assert.match(head(join(runDirOf(tcp.dataDir, uid1), 'ephemeral-eph.qcow2'), 4), /^QFI/, 'a qcow2 overlay in the run dir');
    assert.equal(head(await claimDisk('eph-keep')), keepMark, 'the dataVolume holds the write');

    await restartVm(tcp.client, name);
    const second = await vmiRunning(tcp.client, name, BOOT_MS, uid1);
    const uid2 = second.metadata.uid!;
    const ephRead = (await serialLine(tcp.dataDir, uid2, /^vireo-marker-read eph (\S+)$/m, BOOT_MS))[1];
    const keepRead = (await serialLine(tcp.dataDir, uid2, /^vireo-marker-read keep (\S+)$/m, 20_000))[1];
    assert.notEqual(ephMark, 'none');
    assert.equal(ephRead, 'none', 'the ephemeral write is gone after the restart');
    assert.equal(keepRead, keepMark, 'the dataVolume write survived the restart');
    assert.equal(existsSync(runDirOf(tcp.dataDir, uid1)), false, 'the old overlay went with the old VMI');
    await tcp.client.delete(R.vms, NS, name);
    await waitFor('the VMI to be gone', 40_000, async () => ((await tcp.client.tryGet(R.vmis, NS, name)) ? undefined : true), 200);
  });
});
