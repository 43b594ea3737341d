// End to end with real QEMU under TCG: a VM whose data disk is a blank DataVolume of volumeMode
// Block on `local`. The node agent attaches a loop device over the claim's disk.img and QEMU opens
// it with host_device (its command line says so, and `losetup -j disk.img` names that device); the
// guest sees a disk of the claim's full size (no filesystem-overhead reserve) and its writes land in
// disk.img, and the base of an ephemeral volume on a Block claim is a read-only loop device under
// its overlay; a claim expansion reaches the running guest through the device (losetup -c, then
// block_resize); the device outlives a kill -9 of the agent with its guest, and after the adoption
// it is released once the VM is stopped. On a host without loop devices the same VM runs from the
// raw file and the VMI carries a Warning event BlockVolumeAsFile instead; that fallback is also run
// here on purpose, by an agent whose `losetup` fails as in a container. A live migration of such
// a node-local claim between two agents: the target's QEMU opens its own loop device over its copy
// of disk.img, and each side's device goes with its QEMU.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { TEST_NODE, startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { NS, guestVm, serialLine, serialText, stageGuestImages, vmiRunning } from './support/guest-e2e.ts';
import { isAlive, killLeftoverGuests } from './support/guests.ts';
import { startTwoNodes, type TwoNodes } from './support/two-nodes.ts';
import { repo, waitFor } from './support/vm-e2e.ts';

const MiB = 1024 * 1024;
const BOOT_MS = 180_000;
let tcp: TestControlPlane;
let agentDir: string;
let agent: ChildProcess | undefined;

function startAgent(env: NodeJS.ProcessEnv = process.env): void {
  const log = openSync(join(agentDir, 'agent.log'), 'a');
  agent = spawn(join(repo, 'bin/vireo'), ['agent', '--kubeconfig', tcp.kubeconfig, '--node-name', TEST_NODE, '--data-dir', agentDir, '--accel', 'tcg'], { stdio: ['ignore', log, log], env });
}

/** An environment whose `losetup` fails as it does in a container without loop devices. */
function withoutLoopDevices(): NodeJS.ProcessEnv {
  const bin = join(agentDir, 'no-loop-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'losetup'), '#!/bin/sh\necho "losetup: cannot find an unused loop device: No such device" >&2\nexit 1\n', { mode: 0o755 });
  return { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
}

async function nodeReady(): Promise<void> {
  await waitFor('the Node to be Ready', 60_000, async () => {
    const n = await tcp.client.tryGet<{ status?: { conditions?: { type: string; status: string }[] } } & VirtualMachineInstance>(R.nodes, undefined, TEST_NODE);
    return n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') || undefined;
  });
}

async function killAgent(): Promise<void> {
  const a = agent!;
  const gone = new Promise((r) => a.once('exit', r));
  a.kill('SIGKILL');
  await gone;
  agent = undefined;
}

/** Whether this host can attach a loop device at all (root, /dev/loop-control). */
function loopsUsableIn(dir: string): boolean {
  const probe = join(dir, 'probe.img');
  writeFileSync(probe, '');
  truncateSync(probe, MiB);
  try {
    const dev = execFileSync('losetup', ['--find', '--show', probe]).toString().trim();
    execFileSync('losetup', ['--detach', dev]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** `losetup -j file`: the devices over the file, '' for none. */
const associated = (file: string) => execFileSync('losetup', ['-j', file]).toString().trim();

/** The loop devices (any) whose backing file lies under `dir`. */
function loopsUnder(dir: string): string[] {
  const out = execFileSync('losetup', ['--list', '--json', '--output', 'NAME,BACK-FILE']).toString();
  const list = out.trim() ? ((JSON.parse(out) as { loopdevices: { name: string; 'back-file': string }[] }).loopdevices ?? []) : [];
  return list.filter((d) => d['back-file']?.startsWith(dir)).map((d) => d.name);
}

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

async function claimDisk(claim: string, c = tcp): Promise<string> {
  const pvc = await c.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim);
  const pv = await c.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
  return join(pv.spec?.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

const qemuPid = (uid: string, dataDir = agentDir) => Number(readFileSync(join(dataDir, 'vmis', uid, 'qemu.pid'), 'utf8').trim());
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The loop device QEMU opens for block node `node` with host_device, checked to be over `img`. */
function hostDeviceOver(pid: number, node: string, img: string): string {
  const arg = cmdline(pid).find((a) => a.includes(`node-name=${node},`));
  const m = new RegExp(`^driver=host_device,node-name=${node},filename=(/dev/loop\\d+),`).exec(arg ?? '');
  assert.ok(m, `QEMU opens ${node} with host_device on a loop device: ${arg}`);
  assert.match(associated(img), new RegExp(`^${m[1]}: .*\\(${escape(img)}\\)$`), `the backing file of ${m[1]} is ${img}`);
  return m[1]!;
}
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const sectors = (bytes: number) => String(bytes / 512);

async function eventsOf(uid: string, c = tcp): Promise<{ reason: string; type: string; message: string }[]> {
  const ev = await c.client.list<VirtualMachineInstance & { reason: string; type: string; message: string; involvedObject: { uid: string } }>(R.events, NS);
  return ev.items.filter((e) => e.involvedObject.uid === uid);
}

/** The Block claim's disk.img opened as a plain file, and the Warning event with losetup's error. */
async function assertFallback(uid: string, blockdev: string | undefined, volume: string, claim: string, img: string): Promise<void> {
  assert.equal(blockdev?.startsWith(`driver=file,node-name=drive2-file,filename=${img},`), true, String(blockdev));
  const ev = (await eventsOf(uid)).find((e) => e.reason === 'BlockVolumeAsFile');
  assert.equal(ev?.type, 'Warning');
  assert.match(ev?.message ?? '', new RegExp(`^volume "${volume}": claim ${claim} has volumeMode Block, but node ${TEST_NODE} could not attach a loop device \\(losetup: .+\\); QEMU opens ${escape(img)} as a raw file instead$`));
}

describe('volumeMode Block: a loop device presented with host_device (TCG)', { timeout: 600_000 }, () => {
  before(async () => {
    // The control plane alone; the agent runs as its own process so it can be killed and adopt.
    tcp = await startControlPlane();
    agentDir = mkdtempSync(join(tmpdir(), 'vireo-blk-'));
    await stageGuestImages(join(agentDir, 'images'));
  });
  after(async () => {
    if (agent) await killAgent();
    await tcp?.stop();
    await killLeftoverGuests(agentDir);
    // Hygiene after a failure: no device may outlive the test (its guests are dead by now).
    for (const dev of loopsUnder(agentDir)) execFileSync('losetup', ['--detach', dev]);
    rmSync(agentDir, { recursive: true, force: true });
  });

  it('runs on a loop device, grows, survives an agent restart, and releases the device when stopped', async (t) => {
    const loops = loopsUsableIn(agentDir);
    t.diagnostic(loops ? 'this host has loop devices: checking the device' : 'no loop devices on this host: checking the fallback event');
    startAgent();
    await nodeReady();
    // The base of an ephemeral volume: a Block claim too, read-only under the VMI's overlay.
    await tcp.client.create(R.datavolumes, NS, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'blockvm-base', namespace: NS },
      spec: { source: { blank: {} }, storage: { storageClassName: 'local', volumeMode: 'Block', resources: { requests: { storage: '32Mi' } } } },
    });
    await waitFor('DataVolume blockvm-base to succeed', 60_000, async () => (await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, 'blockvm-base'))?.status?.phase === 'Succeeded' || undefined, 200);
    // Disks: root (vda), cloudinit (vdb), data (vdc), eph (vdd). The guest marks the data disk
    // once, then prints its size in 512-byte sectors every second.
    const vm: VirtualMachine = guestVm('blockvm', {
      run: [
        'echo "mark-$(cat /proc/sys/kernel/random/boot_id)" | dd of=/dev/vdc conv=fsync 2>/dev/null && echo "vireo-marker-written mark-$(cat /proc/sys/kernel/random/boot_id)"',
        'echo vireo-vdd-size=$(cat /sys/block/vdd/size)',
        '(while :; do echo vireo-vdc-size=$(cat /sys/block/vdc/size); sleep 1; done) &',
      ],
      disks: [{ name: 'data', serial: 'data', disk: { bus: 'virtio' } }, { name: 'eph', serial: 'eph', disk: { bus: 'virtio' } }],
      volumes: [{ name: 'data', dataVolume: { name: 'blockvm-data' } }, { name: 'eph', ephemeral: { persistentVolumeClaim: { claimName: 'blockvm-base' } } }],
    });
    vm.spec!.dataVolumeTemplates = [
      { metadata: { name: 'blockvm-data' }, spec: { source: { blank: {} }, storage: { storageClassName: 'local', volumeMode: 'Block', resources: { requests: { storage: '64Mi' } } } } },
    ];
    await tcp.client.create(R.vms, NS, vm);
    const vmi = await vmiRunning(tcp.client, 'blockvm', BOOT_MS);
    const uid = vmi.metadata.uid!;
    const img = await claimDisk('blockvm-data');
    const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, 'blockvm-data');
    assert.equal(pvc.spec?.volumeMode, 'Block');

    // The guest sees the claim's whole 64 MiB (Block keeps no filesystem-overhead reserve) and
    // its write is in disk.img.
    await serialLine(agentDir, uid, new RegExp(`^vireo-vdc-size=${sectors(64 * MiB)}$`, 'm'), BOOT_MS);
    const mark = (await serialLine(agentDir, uid, /^vireo-marker-written (\S+)$/m, 30_000))[1]!;
    assert.equal(head(img), mark, 'the guest\'s write reached the claim\'s disk.img');
    await serialLine(agentDir, uid, new RegExp(`^vireo-vdd-size=${sectors(32 * MiB)}$`, 'm'), 30_000);
    const baseImg = await claimDisk('blockvm-base');

    const pid = qemuPid(uid);
    const blockdev = cmdline(pid).find((a) => a.includes('node-name=drive2-file,'));
    let dev: string | undefined;
    if (loops) {
      dev = hostDeviceOver(pid, 'drive2-file', img);
      const baseDev = hostDeviceOver(pid, 'drive3-base-file', baseImg);
      assert.match(cmdline(pid).find((a) => a.includes('node-name=drive3-base-file,')) ?? '', /,read-only=on,/);
      assert.match(execFileSync('losetup', ['--list', '--noheadings', '--output', 'RO', baseDev]).toString(), /^\s*1\s*$/, 'the base\'s device is read-only');
      assert.deepEqual((await eventsOf(uid)).filter((e) => e.reason === 'BlockVolumeAsFile'), []);
    } else {
      // No loop devices on this host: the raw file, said in a Warning event.
      await assertFallback(uid, blockdev, 'data', 'blockvm-data', img);
    }

    // Expansion reaches the running guest through the device.
    await tcp.client.mergePatch(R.pvcs, NS, 'blockvm-data', { spec: { resources: { requests: { storage: '128Mi' } } } });
    await serialLine(agentDir, uid, new RegExp(`^vireo-vdc-size=${sectors(128 * MiB)}$`, 'm'), 90_000);

    // kill -9 of the agent: the guest and its device stay; the restarted agent adopts the guest.
    await killAgent();
    const beats = () => (serialText(agentDir, uid).match(/^vireo-heartbeat \d+$/gm) ?? []).length;
    const atKill = beats();
    await waitFor('heartbeats while the agent is down', 20_000, () => beats() >= atKill + 2 || undefined, 250);
    assert.ok(isAlive(pid));
    if (dev) assert.match(associated(img), new RegExp(`^${dev}: `), 'the device outlived the agent with its guest');
    else t.diagnostic('no device to follow through the agent restart');
    startAgent();
    await waitFor('the Adopted event', 60_000, async () => (await eventsOf(uid)).some((e) => e.reason === 'Adopted') || undefined, 250);

    // Stopped: QEMU goes, and so does the device.
    await tcp.client.mergePatch(R.vms, NS, 'blockvm', { spec: { runStrategy: 'Halted' } });
    await waitFor('the VMI to be gone', 60_000, async () => ((await tcp.client.tryGet(R.vmis, NS, 'blockvm')) ? undefined : true), 200);
    assert.equal(isAlive(pid), false);
    await waitFor('the loop devices to be released', 10_000, () => (associated(img) === '' && associated(baseImg) === '') || undefined, 100);
    assert.deepEqual(loopsUnder(agentDir), []);
  });

  it('where losetup fails, the disk is the raw file and the VMI has a Warning event BlockVolumeAsFile', async () => {
    if (agent) await killAgent();
    startAgent(withoutLoopDevices());
    await nodeReady();
    const vm: VirtualMachine = guestVm('fallbackvm', {
      run: ['echo vireo-vdc-size=$(cat /sys/block/vdc/size)'],
      disks: [{ name: 'data', serial: 'data', disk: { bus: 'virtio' } }],
      volumes: [{ name: 'data', dataVolume: { name: 'fallbackvm-data' } }],
    });
    vm.spec!.dataVolumeTemplates = [
      { metadata: { name: 'fallbackvm-data' }, spec: { source: { blank: {} }, storage: { storageClassName: 'local', volumeMode: 'Block', resources: { requests: { storage: '64Mi' } } } } },
    ];
    await tcp.client.create(R.vms, NS, vm);
    const vmi = await vmiRunning(tcp.client, 'fallbackvm', BOOT_MS);
    const uid = vmi.metadata.uid!;
    const img = await claimDisk('fallbackvm-data');
    await serialLine(agentDir, uid, new RegExp(`^vireo-vdc-size=${sectors(64 * MiB)}$`, 'm'), BOOT_MS);
    await assertFallback(uid, cmdline(qemuPid(uid)).find((a) => a.includes('node-name=drive2-file,')), 'data', 'fallbackvm-data', img);
    assert.equal(associated(img), '', 'no loop device was attached');
    await tcp.client.mergePatch(R.vms, NS, 'fallbackvm', { spec: { runStrategy: 'Halted' } });
    await waitFor('the VMI to be gone', 60_000, async () => ((await tcp.client.tryGet(R.vmis, NS, 'fallbackvm')) ? undefined : true), 200);
  });
});

describe('volumeMode Block: live migration of a node-local claim (TCG)', { timeout: 400_000 }, () => {
  let nodes: TwoNodes;
  before(async () => {
    nodes = await startTwoNodes();
  });
  after(async () => {
    await nodes?.stop();
    for (const dir of [nodes?.tcp.dataDir, nodes?.node2Dir]) {
      if (dir) for (const dev of loopsUnder(dir)) execFileSync('losetup', ['--detach', dev]);
    }
  });

  it('the target opens its own loop device over its copy; each side\'s device goes with its QEMU', async (t) => {
    const c = nodes.tcp;
    if (!loopsUsableIn(nodes.node2Dir)) {
      t.diagnostic('no loop devices on this host: the fallback is covered by the first test');
      return;
    }
    await c.client.create(R.datavolumes, NS, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'migblk', namespace: NS },
      spec: { source: { blank: {} }, storage: { storageClassName: 'local', volumeMode: 'Block', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } } } },
    });
    const pvc = await waitFor('the claim bound', 60_000, async () => {
      const p = await c.client.tryGet<PersistentVolumeClaim>(R.pvcs, NS, 'migblk');
      return p?.status?.phase === 'Bound' ? p : undefined;
    }, 200);
    const pvBefore = await c.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
    const home = pvBefore.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0] ?? '';
    const away = home === 'node1' ? 'node2' : 'node1';
    const srcImg = await claimDisk('migblk', c);
    const mark = `VIREO-BLOCK-MARK-${Date.now()}`;
    await c.client.create(R.vmis, NS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'migblk', namespace: NS },
      spec: {
        domain: {
          resources: { requests: { memory: '128Mi' } },
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }] },
        },
        volumes: [
          { name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } },
          { name: 'data', dataVolume: { name: 'migblk' } },
          { name: 'cloudinit', cloudInitNoCloud: { userData: `#cloud-config\n#vireo-run: echo ${mark} | dd of=/dev/vdb conv=fsync && echo vireo-mark-written\n` } },
        ],
      },
    } as VirtualMachineInstance);
    const vmi = await vmiRunning(c.client, 'migblk', BOOT_MS);
    const uid = vmi.metadata.uid!;
    assert.equal(vmi.status?.nodeName, home, 'the guest starts where its local claim is');
    await serialLine(nodes.dataDirOf(home), uid, /^vireo-mark-written$/m, BOOT_MS);
    const srcPid = qemuPid(uid, nodes.dataDirOf(home));
    hostDeviceOver(srcPid, 'drive1-file', srcImg);

    await c.client.create(R.vmims, NS, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name: 'migblk-1', namespace: NS }, spec: { vmiName: 'migblk' } });
    const done = await waitFor('the migration to end', 120_000, async () => {
      const m = await c.client.tryGet<VirtualMachineInstanceMigration>(R.vmims, NS, 'migblk-1');
      return m?.status?.phase === 'Succeeded' || m?.status?.phase === 'Failed' ? m : undefined;
    }, 200);
    assert.equal(done.status?.phase, 'Succeeded', JSON.stringify(done.status));
    await waitFor('the VMI on the other node', 30_000, async () => (await c.client.get<VirtualMachineInstance>(R.vmis, NS, 'migblk')).status?.nodeName === away || undefined, 200);
    const dstImg = await claimDisk('migblk', c);
    assert.notEqual(dstImg, srcImg);
    const dstPid = qemuPid(uid, nodes.dataDirOf(away));
    hostDeviceOver(dstPid, 'drive1-file', dstImg);
    assert.ok(readFileSync(dstImg).includes(mark), 'the guest\'s write reached the target copy through the mirror');
    await waitFor('the source QEMU and its device to go', 30_000, () => (!isAlive(srcPid) && loopsUnder(nodes.dataDirOf(home)).length === 0) || undefined, 200);

    await c.client.delete(R.vmis, NS, 'migblk');
    await waitFor('the VMI to be gone', 60_000, async () => ((await c.client.tryGet(R.vmis, NS, 'migblk')) ? undefined : true), 200);
    await waitFor('the target device to go', 10_000, () => associated(dstImg) === '' || undefined, 100);
    assert.deepEqual([...loopsUnder(nodes.tcp.dataDir), ...loopsUnder(nodes.node2Dir)], []);
  });
});
