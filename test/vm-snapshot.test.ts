// End to end for VM snapshots and restore (snapshot.kubevirt.io/v1beta1) with real QEMU under TCG
// and the in-process node agent. A VM boots the tiny guest from a containerDisk with a blank
// DataVolume as its second disk (/dev/vdb); its user-data prints the disk's first byte, and on a
// blank disk writes marker A, then waits for a line on the serial console and writes marker B.
// Online snapshot (guest agent) after A → B → stop → offline snapshot → restore of the online
// snapshot → the guest boots and finds A. Also: restores refused while the VM runs (KubeVirt's
// readiness policies and messages), a restore that stops the VM itself (StopTarget), a snapshot
// of a missing VM failing at its deadline, and deletion removing the content and its copies.
import assert from 'node:assert/strict';
import { existsSync, openSync, readFileSync, readSync, closeSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import type { VirtualMachineRestore, VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../src/api/snapshot/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { makeKubectl } from './support/kubectl.ts';
import { TINY_IMAGE, stageTinyImage, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'snapvm';
const DV = 'snapvm-data';

let tcp: TestControlPlane;
let kubectl: ReturnType<typeof makeKubectl>;

// One line: print the first byte of /dev/vdb; on a blank disk write A, wait for a serial line, write B.
const USER_DATA = [
  '#cloud-config',
  // (The guest echoes its user-data to the console: `\\A` keeps the markers out of that copy.)
  `#vireo-run: v=$(dd if=/dev/vdb bs=1 count=1 2>/dev/null | tr -d '\\000'); echo vireo-disk=\\[$v]; if [ -z "$v" ]; then echo A | dd of=/dev/vdb conv=fsync 2>/dev/null && echo vireo-marker-\\A && read go </dev/ttyS0 && echo B | dd of=/dev/vdb conv=fsync 2>/dev/null && echo vireo-marker-\\B; fi`,
].join('\n');

const vm: VirtualMachine = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS },
  spec: {
    runStrategy: 'Always',
    dataVolumeTemplates: [{ metadata: { name: DV }, spec: { source: { blank: {} }, storage: { storageClassName: 'local', resources: { requests: { storage: '64Mi' } } } } }],
    template: {
      spec: {
        terminationGracePeriodSeconds: 0,
        domain: {
          resources: { requests: { memory: '128Mi' } },
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }] },
        },
        volumes: [
          { name: 'root', containerDisk: { image: TINY_IMAGE } },
          { name: 'data', dataVolume: { name: DV } },
          { name: 'cloudinit', cloudInitNoCloud: { userData: USER_DATA } },
        ],
      },
    },
  },
};

const snapshotYaml = (name: string, source: string, extra = '') => `apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineSnapshot
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: ${source}
${extra}`;

const restoreYaml = (name: string, snapshot: string, extra = '') => `apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineRestore
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  target:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: ${VM}
  virtualMachineSnapshotName: ${snapshot}
${extra}`;

async function apply(yaml: string): Promise<void> {
  const r = await kubectl(['apply', '-f', '-'], { input: yaml });
  assert.equal(r.code, 0, r.stderr);
}

const getSnap = (name: string) => tcp.client.tryGet<VirtualMachineSnapshot>(R.vmsnapshots, NS, name);
const getRestore = (name: string) => tcp.client.tryGet<VirtualMachineRestore>(R.vmrestores, NS, name);
const cond = (o: { status?: { conditions?: { type: string; status: string; reason?: string }[] } } | undefined, type: string) => o?.status?.conditions?.find((c) => c.type === type);

async function runningVmi(): Promise<VirtualMachineInstance> {
  return waitFor('the VMI to run', 180_000, async () => {
    const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, VM);
    assert.notEqual(v?.status?.phase, 'Failed', JSON.stringify(v?.status));
    return v?.status?.phase === 'Running' ? v : undefined;
  }, 250);
}

const serialLog = (vmi: VirtualMachineInstance) => join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.log');
const serialText = (vmi: VirtualMachineInstance) => (existsSync(serialLog(vmi)) ? readFileSync(serialLog(vmi), 'latin1') : '');

async function serialShows(vmi: VirtualMachineInstance, pattern: RegExp, timeoutMs = 120_000): Promise<void> {
  try {
    await waitFor(`${pattern} on the serial console`, timeoutMs, () => pattern.test(serialText(vmi)), 250);
  } catch (e) {
    const tail = serialText(vmi).split('\n').filter((l) => !l.includes('heartbeat')).slice(-20).join('\n');
    throw new Error(`${(e as Error).message}; the console said:\n${tail}`, { cause: e });
  }
}

/** Types a line on the guest's serial console. */
async function typeLine(vmi: VirtualMachineInstance, line: string): Promise<void> {
  const sock = join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.sock');
  await new Promise<void>((resolve, reject) => {
    const s = net.createConnection(sock, () => s.end(`${line}\n`, () => resolve()));
    s.once('error', reject);
  });
}

function firstBytes(path: string, n = 2): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, 0);
    return buf.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

async function claimDisk(claim: string): Promise<string> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return join(pv.spec!.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

async function snapshotDone(name: string, timeoutMs = 180_000): Promise<VirtualMachineSnapshot> {
  return waitFor(`snapshot ${name} to finish`, timeoutMs, async () => {
    const s = await getSnap(name);
    return s?.status?.readyToUse === true || s?.status?.phase === 'Failed' ? s : undefined;
  }, 250);
}

const copyOf = (content: VirtualMachineSnapshotContent, volume: string) => join(tcp.dataDir, 'volumes', 'snapshots', content.metadata.uid!, `${volume}.img`);

async function setRunStrategy(runStrategy: string): Promise<void> {
  await tcp.client.mergePatch(R.vms, NS, VM, { spec: { runStrategy } });
}

describe('VM snapshots and restore (TCG)', { timeout: 900_000 }, () => {
  let vmi1: VirtualMachineInstance;
  let content1: VirtualMachineSnapshotContent;
  let vmUid: string;

  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    kubectl = makeKubectl(tcp.kubeconfig);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('takes an online snapshot with the guest agent after the guest wrote marker A', async () => {
    const created = await tcp.client.create<VirtualMachine>(R.vms, NS, vm);
    vmUid = created.metadata.uid!;
    vmi1 = await runningVmi();
    await serialShows(vmi1, /vireo-marker-A/);
    // The guest agent answers (AgentConnected): the snapshot will freeze through it.
    await waitFor('AgentConnected', 60_000, async () => cond(await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, VM), 'AgentConnected')?.status === 'True', 500);

    await apply(snapshotYaml('snap-online', VM));
    const snap = await snapshotDone('snap-online');
    assert.equal(snap.status?.phase, 'Succeeded', JSON.stringify(snap.status));
    assert.equal(snap.status?.readyToUse, true);
    assert.deepEqual(snap.status?.indications, ['GuestAgent', 'Online']);
    assert.deepEqual(snap.status?.sourceIndications?.map((i) => i.indication), ['GuestAgent', 'Online']);
    assert.equal(snap.status?.sourceUID, vmUid);
    assert.ok(snap.status?.creationTime);
    assert.equal(snap.status?.error, undefined);
    assert.equal(cond(snap, 'Ready')?.status, 'True');
    assert.equal(cond(snap, 'Progressing')?.reason, 'Operation complete');
    assert.deepEqual(snap.status?.snapshotVolumes, { includedVolumes: ['data'], excludedVolumes: ['root', 'cloudinit'] });

    content1 = (await tcp.client.get<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, NS, snap.status!.virtualMachineSnapshotContentName!)) as VirtualMachineSnapshotContent;
    assert.equal(content1.metadata.name, `vmsnapshot-content-${snap.metadata.uid}`);
    assert.equal(content1.status?.readyToUse, true);
    assert.equal(content1.spec?.source.virtualMachine?.metadata?.name, VM);
    assert.deepEqual(content1.spec?.volumeBackups?.map((b) => [b.volumeName, b.persistentVolumeClaim.metadata?.name, b.volumeSnapshotName]), [['data', DV, `vmsnapshot-${snap.metadata.uid}-volume-data`]]);
    // The copy, taken while the guest ran, holds A; the guest went on running.
    assert.equal(firstBytes(copyOf(content1, 'data')), 'A\n');
    const vm1 = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.equal(vm1.status?.snapshotInProgress, undefined, 'the VM is unlocked');
    assert.equal((await tcp.client.get<VirtualMachineInstance>(R.vmis, NS, VM)).status?.phase, 'Running');

    const table = await kubectl(['get', 'vmsnapshot', 'snap-online']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+SOURCEKIND\s+SOURCENAME\s+PHASE\s+READYTOUSE\s+CREATIONTIME\s+ERROR$/m);
    assert.match(table.stdout, /^snap-online\s+VirtualMachine\s+snapvm\s+Succeeded\s+true\s+\d+s\s*$/m);
  });

  it('refuses to restore while the VM runs, as the readiness policy says', async () => {
    await apply(restoreYaml('restore-fail', 'snap-online', '  targetReadinessPolicy: FailImmediate\n'));
    const failed = await waitFor('restore-fail to fail', 30_000, async () => {
      const r = await getRestore('restore-fail');
      return cond(r, 'Failure')?.status === 'True' ? r : undefined;
    });
    assert.equal(cond(failed, 'Failure')?.reason, 'Restore target VMI must be powered off before restore operation');
    assert.notEqual(failed.status?.complete, true);

    await apply(restoreYaml('restore-wait', 'snap-online'));
    const waiting = await waitFor('restore-wait to wait', 30_000, async () => {
      const r = await getRestore('restore-wait');
      return cond(r, 'Progressing')?.reason?.startsWith('Waiting for target VM to be powered off') ? r : undefined;
    });
    assert.match(cond(waiting, 'Ready')?.reason ?? '', /Please stop the restore target to proceed with restore, or the operation will fail after 5m0s/);
    const events = await tcp.client.list<KubeObject & { reason: string; message: string; involvedObject: { name: string } }>(R.events, NS);
    assert.ok(events.items.some((e) => e.involvedObject.name === 'restore-wait' && e.reason === 'RestoreTargetNotReady' && /VMI still exists/.test(e.message)));
    assert.equal((await tcp.client.get<VirtualMachine>(R.vms, NS, VM)).status?.restoreInProgress, undefined);
    for (const name of ['restore-fail', 'restore-wait']) await tcp.client.delete(R.vmrestores, NS, name);
    await waitFor('the refused restores to go', 30_000, async () => !(await getRestore('restore-fail')) && !(await getRestore('restore-wait')));
  });

  it('takes an offline snapshot of the stopped VM after the guest wrote marker B', async () => {
    await typeLine(vmi1, 'go');
    await serialShows(vmi1, /vireo-marker-B/);
    await setRunStrategy('Halted');
    await waitFor('the VMI to go', 60_000, async () => !(await tcp.client.tryGet(R.vmis, NS, VM)));
    assert.equal(firstBytes(await claimDisk(DV)), 'B\n');

    await apply(snapshotYaml('snap-offline', VM));
    const snap = await snapshotDone('snap-offline');
    assert.equal(snap.status?.phase, 'Succeeded', JSON.stringify(snap.status));
    assert.equal(snap.status?.indications, undefined, 'an offline snapshot has no indications');
    const content = await tcp.client.get<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, NS, snap.status!.virtualMachineSnapshotContentName!);
    assert.equal(firstBytes(copyOf(content, 'data')), 'B\n');
  });

  it('restores the online snapshot into new claims, and the guest finds A', async () => {
    await apply(restoreYaml('restore1', 'snap-online'));
    const r = await waitFor('restore1 to complete', 180_000, async () => {
      const x = await getRestore('restore1');
      assert.notEqual(cond(x, 'Failure')?.status, 'True', JSON.stringify(x?.status));
      return x?.status?.complete ? x : undefined;
    }, 250);
    const claim = `restore-${r.metadata.uid}-data`;
    assert.deepEqual(r.status?.restores, [{ volumeName: 'data', persistentVolumeClaim: claim, volumeSnapshotName: content1.spec!.volumeBackups![0].volumeSnapshotName, dataVolumeName: claim }]);
    assert.deepEqual(r.status?.deletedDataVolumes, [DV]);
    assert.ok(r.status?.restoreTime);
    assert.equal(cond(r, 'Ready')?.status, 'True');
    const restored = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.equal(restored.spec?.dataVolumeTemplates?.[0]?.metadata.name, claim);
    assert.deepEqual(restored.spec?.template.spec?.volumes?.find((v) => v.name === 'data'), { name: 'data', dataVolume: { name: claim } });
    assert.equal(restored.spec?.runStrategy, 'Halted', 'the VM keeps its run strategy');
    assert.equal(restored.status?.restoreInProgress, undefined);
    const dv = await tcp.client.get<DataVolume>(R.datavolumes, NS, claim);
    assert.equal(dv.status?.phase, 'Succeeded');
    assert.equal(dv.metadata.ownerReferences?.[0]?.uid, vmUid);
    assert.equal(firstBytes(await claimDisk(claim)), 'A\n');
    await waitFor('the replaced DataVolume to go', 30_000, async () => !(await tcp.client.tryGet(R.datavolumes, NS, DV)));
    const vmrestore = await kubectl(['get', 'vmrestore', 'restore1']);
    assert.match(vmrestore.stdout, /^restore1\s+VirtualMachine\s+snapvm\s+true\s+\d+s/m);

    await setRunStrategy('Always');
    const vmi2 = await runningVmi();
    await serialShows(vmi2, /vireo-disk=\[A\]/);
    assert.doesNotMatch(serialText(vmi2), /vireo-marker-A|vireo-disk=\[B\]/);
  });

  it('with StopTarget, a restore stops the running VM itself', async () => {
    await apply(restoreYaml('restore2', 'snap-online', '  targetReadinessPolicy: StopTarget\n'));
    const r = await waitFor('restore2 to complete', 180_000, async () => {
      const x = await getRestore('restore2');
      assert.notEqual(cond(x, 'Failure')?.status, 'True', JSON.stringify(x?.status));
      return x?.status?.complete ? x : undefined;
    }, 250);
    assert.equal(await tcp.client.tryGet(R.vmis, NS, VM), undefined);
    const restored = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.equal(restored.spec?.runStrategy, 'Halted');
    assert.equal(restored.spec?.dataVolumeTemplates?.[0]?.metadata.name, `restore-${r.metadata.uid}-data`);
    assert.equal(firstBytes(await claimDisk(`restore-${r.metadata.uid}-data`)), 'A\n');
  });

  it('deletes a snapshot with its content and its copies', async () => {
    const offline = (await getSnap('snap-offline'))!;
    const content = await tcp.client.get<VirtualMachineSnapshotContent>(R.vmsnapshotcontents, NS, offline.status!.virtualMachineSnapshotContentName!);
    const copy = copyOf(content, 'data');
    // The copy outlived the claim it was taken of (the restore replaced that DataVolume).
    assert.ok(existsSync(copy));
    await tcp.client.delete(R.vmsnapshots, NS, 'snap-offline');
    await waitFor('the snapshot, its content and its copy to go', 60_000, async () =>
      !(await getSnap('snap-offline')) && !(await tcp.client.tryGet(R.vmsnapshotcontents, NS, content.metadata.name!)) && !existsSync(copy));
  });

  it('fails a snapshot of a VM that does not exist at its deadline, saying why', async () => {
    await apply(snapshotYaml('snap-missing', 'no-such-vm', '  failureDeadline: 3s\n'));
    const snap = await snapshotDone('snap-missing', 30_000);
    assert.equal(snap.status?.phase, 'Failed');
    assert.equal(snap.status?.readyToUse, false);
    assert.equal(cond(snap, 'Failure')?.reason, 'snapshot deadline exceeded');
    assert.equal(snap.status?.error?.message, 'snapshot deadline exceeded: Source does not exist');
    const table = await kubectl(['get', 'vmsnapshot', 'snap-missing']);
    assert.match(table.stdout, /^snap-missing\s+VirtualMachine\s+no-such-vm\s+Failed\s+false\s+<unknown>\s+snapshot deadline exceeded: Source does not exist$/m);
  });
});
