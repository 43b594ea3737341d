// Live migration end to end with real QEMU under TCG: two node agents (node1 on 127.0.0.1, node2 on
// 127.0.0.2), so the migration stream and the NBD disk mirror cross TCP between two addresses. A
// running guest moves without a reboot (its serial heartbeat keeps counting), its launcher pod
// changes name and node, exactly one QEMU runs it afterwards; it moves back; a cancelled migration
// and one whose target QEMU is killed leave the guest running on the source; the parallel limit
// keeps a second migration Pending until the first ends.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../src/api/core/pod.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import type { TestControlPlane } from './support/controlplane.ts';
import { startTwoNodes, type TwoNodes } from './support/two-nodes.ts';
import { qemuPids } from './support/guests.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let nodes: TwoNodes;
const dataDirOf = (node: string) => nodes.dataDirOf(node);

function vmiManifest(name: string): VirtualMachineInstance {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      nodeSelector: { 'vireo.test/start-here': 'true' },
      domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'scratch', disk: { bus: 'virtio' } }] } },
      volumes: [
        { name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } },
        { name: 'scratch', emptyDisk: { capacity: '64Mi' } },
      ],
    },
  } as VirtualMachineInstance;
}

const getVmi = (name: string) => tcp.client.get<VirtualMachineInstance>(R.vmis, 'default', name);
const getVmim = (name: string) => tcp.client.tryGet<VirtualMachineInstanceMigration>(R.vmims, 'default', name);

function serialLog(vmi: VirtualMachineInstance): string {
  return readFileSync(join(dataDirOf(vmi.status?.nodeName ?? ''), 'vmis', vmi.metadata.uid ?? '', 'serial.log'), 'utf8');
}

function lastHeartbeat(text: string): number {
  const all = [...text.matchAll(/vireo-heartbeat (\d+)/g)];
  return all.length ? Number(all[all.length - 1]![1]) : 0;
}

async function startGuest(name: string): Promise<VirtualMachineInstance> {
  await tcp.client.create(R.vmis, 'default', vmiManifest(name));
  const vmi = await waitFor(`${name} running`, 90_000, async () => {
    const v = await getVmi(name);
    return v.status?.phase === 'Running' ? v : undefined;
  });
  await waitFor(`${name} heartbeats`, 60_000, () => lastHeartbeat(serialLog(vmi)) >= 2 || undefined, 200);
  return vmi;
}

async function migrate(name: string, vmiName: string): Promise<void> {
  await tcp.client.create(R.vmims, 'default', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name, namespace: 'default' }, spec: { vmiName } });
}

async function migrationIn(name: string, phases: string[], timeoutMs = 90_000): Promise<VirtualMachineInstanceMigration> {
  return waitFor(`migration ${name} in ${phases.join('/')}`, timeoutMs, async () => {
    const m = await getVmim(name);
    return phases.includes(m?.status?.phase ?? '') ? m : undefined;
  }, 50);
}

async function setBandwidth(bw: string | null, parallel?: number): Promise<void> {
  await tcp.client.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, {
    spec: { liveMigrationConfig: { bandwidthPerMigration: bw, parallelMigrationsPerCluster: parallel ?? 5 } },
  });
}

describe('live migration between two node agents (TCG)', { timeout: 400_000 }, () => {
  before(async () => {
    nodes = await startTwoNodes();
    ({ tcp } = nodes);
    // Guests start on node1 (its label), and may move anywhere: the label is not the VMI's rule after start.
    await tcp.client.mergePatch(R.nodes, undefined, 'node1', { metadata: { labels: { 'vireo.test/start-here': 'true' } } });
  });
  after(async () => {
    await nodes?.stop();
  });

  it('moves a running guest to the other node and back without a reboot', async () => {
    const vmi = await startGuest('mig-ok');
    assert.equal(vmi.status?.nodeName, 'node1');
    // The target must honour the VMI's own nodeSelector: give node2 the label too.
    await tcp.client.mergePatch(R.nodes, undefined, 'node2', { metadata: { labels: { 'vireo.test/start-here': 'true' } } });
    const podsBefore = (await tcp.client.list<Pod>(R.pods, 'default', { labelSelector: `kubevirt.io/created-by=${vmi.metadata.uid}` })).items;
    assert.equal(podsBefore.length, 1);
    const beatBefore = lastHeartbeat(serialLog(vmi));

    await migrate('mig-ok-1', 'mig-ok');
    const done = await migrationIn('mig-ok-1', ['Succeeded', 'Failed']);
    assert.equal(done.status?.phase, 'Succeeded', JSON.stringify(done.status?.migrationState));
    const phases = done.status?.phaseTransitionTimestamps?.map((p) => p.phase);
    assert.deepEqual(phases, ['Pending', 'Scheduling', 'Scheduled', 'PreparingTarget', 'TargetReady', 'Running', 'Succeeded']);
    const st = done.status?.migrationState;
    assert.equal(st?.sourceNode, 'node1');
    assert.equal(st?.targetNode, 'node2');
    assert.equal(st?.completed, true);
    assert.ok((st?.dataTotalBytes ?? 0) > 0 && typeof st?.downtimeMs === 'number', JSON.stringify(st));

    const moved = await waitFor('VMI on node2', 30_000, async () => {
      const v = await getVmi('mig-ok');
      return v.status?.nodeName === 'node2' && !v.metadata.labels?.['kubevirt.io/migrationTargetNodeName'] ? v : undefined;
    });
    assert.equal(moved.status?.interfaces?.[0]?.ipAddress, '127.0.0.2');
    assert.equal(moved.status?.phase, 'Running');
    // The launcher pod changed: a new one on node2, the old one gone.
    const pods = await waitFor('one launcher pod', 30_000, async () => {
      const list = (await tcp.client.list<Pod>(R.pods, 'default', { labelSelector: `kubevirt.io/created-by=${vmi.metadata.uid}` })).items;
      return list.length === 1 && list[0]!.status?.phase === 'Running' ? list : undefined;
    });
    assert.equal(pods[0]!.spec?.nodeName, 'node2');
    assert.notEqual(pods[0]!.metadata.name, podsBefore[0]!.metadata.name);
    // One QEMU for the guest, and it is node2's.
    await waitFor('the source QEMU gone', 30_000, () => qemuPids('guest=default_mig-ok,').length === 1 || undefined);
    assert.equal(qemuPids(join(tcp.dataDir, 'vmis', vmi.metadata.uid ?? '')).length, 0);
    // No reboot: the heartbeat keeps counting on node2 past where it was, and the boot marker never shows there.
    await waitFor('heartbeats on node2', 30_000, () => lastHeartbeat(serialLog(moved)) > beatBefore + 1 || undefined, 200);
    const after2 = serialLog(moved);
    assert.doesNotMatch(after2, /VIREO-GUEST-READY/);
    // Its first heartbeat there continues the count (a rebooted guest starts again at 1); which
    // number comes first depends on how long the switch-over took.
    const firstOnNode2 = Number(/vireo-heartbeat (\d+)/.exec(after2)?.[1] ?? 0);
    assert.ok(firstOnNode2 > beatBefore, `node2's first heartbeat ${firstOnNode2} does not continue from ${beatBefore}`);

    await migrate('mig-ok-2', 'mig-ok');
    const back = await migrationIn('mig-ok-2', ['Succeeded', 'Failed']);
    assert.equal(back.status?.phase, 'Succeeded', JSON.stringify(back.status?.migrationState));
    assert.equal(back.status?.migrationState?.targetNode, 'node1');
    const home = await waitFor('VMI back on node1', 30_000, async () => {
      const v = await getVmi('mig-ok');
      return v.status?.nodeName === 'node1' ? v : undefined;
    });
    const beat = lastHeartbeat(after2);
    await waitFor('heartbeats on node1', 30_000, () => lastHeartbeat(serialLog(home)) > beat || undefined, 200);
    await waitFor('one QEMU', 30_000, () => qemuPids('guest=default_mig-ok,').length === 1 || undefined);
    await tcp.client.mergePatch(R.nodes, undefined, 'node2', { metadata: { labels: { 'vireo.test/start-here': null } } });
  });

  it('a cancelled migration and one whose target dies leave the guest running on the source', async () => {
    await tcp.client.mergePatch(R.nodes, undefined, 'node2', { metadata: { labels: { 'vireo.test/start-here': 'true' } } });
    // 1 MiB/s: the migration runs long enough to cancel it and to kill its target.
    await setBandwidth('1Mi');
    try {
      const vmi = await startGuest('mig-cancel');
      const source = vmi.status?.nodeName ?? '';
      const targetDir = dataDirOf(source === 'node1' ? 'node2' : 'node1');
      await migrate('mig-cancel-1', 'mig-cancel');
      await migrationIn('mig-cancel-1', ['Running']);
      await tcp.client.delete(R.vmims, 'default', 'mig-cancel-1');
      await waitFor('the migration object gone', 30_000, async () => ((await getVmim('mig-cancel-1')) === undefined ? true : undefined));
      let v = await getVmi('mig-cancel');
      assert.equal(v.status?.nodeName, source);
      assert.equal(v.status?.migrationState?.abortStatus, 'Succeeded');
      assert.equal(v.status?.migrationState?.failed, true);
      await waitFor('the target QEMU gone', 30_000, () => qemuPids('guest=default_mig-cancel,').length === 1 || undefined);
      const beat = lastHeartbeat(serialLog(v));
      await waitFor('heartbeats go on', 30_000, () => lastHeartbeat(serialLog(v)) > beat + 1 || undefined, 200);
      assert.equal((await getVmi('mig-cancel')).status?.conditions?.some((c) => c.type === 'Paused'), false);

      await migrate('mig-cancel-2', 'mig-cancel');
      await migrationIn('mig-cancel-2', ['Running']);
      const targetPids = qemuPids(join(targetDir, 'vmis', vmi.metadata.uid ?? ''));
      assert.equal(targetPids.length, 1);
      process.kill(targetPids[0]!, 'SIGKILL');
      const failed = await migrationIn('mig-cancel-2', ['Failed', 'Succeeded']);
      assert.equal(failed.status?.phase, 'Failed');
      assert.match(failed.status?.migrationState?.failureReason ?? '', /live migration failed/);
      v = await getVmi('mig-cancel');
      assert.equal(v.status?.nodeName, source);
      assert.equal(v.status?.phase, 'Running');
      const beat2 = lastHeartbeat(serialLog(v));
      await waitFor('heartbeats go on after the failure', 30_000, () => lastHeartbeat(serialLog(v)) > beat2 + 1 || undefined, 200);
      assert.equal(qemuPids('guest=default_mig-cancel,').length, 1);
      // The losing target pod is removed; the source pod stays.
      const pods = await waitFor('one pod', 30_000, async () => {
        const list = (await tcp.client.list<Pod>(R.pods, 'default', { labelSelector: `kubevirt.io/created-by=${vmi.metadata.uid}` })).items;
        return list.length === 1 ? list : undefined;
      });
      assert.equal(pods[0]!.spec?.nodeName, source);
    } finally {
      await setBandwidth(null);
    }
  });

  it('keeps a migration Pending while the parallel limit is reached', async () => {
    await setBandwidth('1Mi', 1);
    try {
      await startGuest('mig-lim-a');
      const b = await startGuest('mig-lim-b');
      await migrate('mig-lim-a1', 'mig-lim-a');
      await migrationIn('mig-lim-a1', ['Running']);
      await migrate('mig-lim-b1', 'mig-lim-b');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal((await getVmim('mig-lim-b1'))?.status?.phase, 'Pending');
      await tcp.client.delete(R.vmims, 'default', 'mig-lim-a1');
      await migrationIn('mig-lim-b1', ['Scheduling', 'Scheduled', 'PreparingTarget', 'TargetReady', 'Running'], 30_000);
      await tcp.client.delete(R.vmims, 'default', 'mig-lim-b1');
      await waitFor('both cancelled', 30_000, async () => ((await getVmim('mig-lim-b1')) === undefined ? true : undefined));
      assert.equal((await getVmi('mig-lim-b')).status?.nodeName, b.status?.nodeName);
    } finally {
      await setBandwidth(null);
    }
  });

  it('moves a node-local (ReadWriteOnce) DataVolume disk with the guest and re-points its PV', async () => {
    await tcp.client.create(R.datavolumes, 'default', {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'mig-data', namespace: 'default' },
      spec: { source: { blank: {} }, storage: { storageClassName: 'local', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } } } },
    });
    const pvc = await waitFor('the claim bound', 60_000, async () => {
      const c = await tcp.client.tryGet<PersistentVolumeClaim>(R.pvcs, 'default', 'mig-data');
      return c?.status?.phase === 'Bound' ? c : undefined;
    });
    const pvName = pvc.spec?.volumeName ?? '';
    const pvBefore = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvName);
    const home = pvBefore.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0] ?? '';
    const away = home === 'node1' ? 'node2' : 'node1';
    await tcp.client.mergePatch(R.nodes, undefined, home, { metadata: { labels: { 'vireo.test/start-here': 'true' } } });
    await tcp.client.mergePatch(R.nodes, undefined, away, { metadata: { labels: { 'vireo.test/start-here': null } } });
    const mark = `VIREO-DISK-MARK-${Date.now()}`;
    const spec = vmiManifest('mig-disk');
    spec.spec!.domain!.devices!.disks = [
      { name: 'root', disk: { bus: 'virtio' } },
      { name: 'data', disk: { bus: 'virtio' } },
      { name: 'cloudinit', disk: { bus: 'virtio' } },
    ];
    spec.spec!.volumes = [
      { name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } },
      { name: 'data', dataVolume: { name: 'mig-data' } },
      { name: 'cloudinit', cloudInitNoCloud: { userData: `#cloud-config\n#vireo-run: echo ${mark} | dd of=/dev/vdb conv=fsync && echo vireo-mark-written\n` } },
    ];
    await tcp.client.create(R.vmis, 'default', spec);
    const vmi = await waitFor('mig-disk running', 90_000, async () => {
      const v = await getVmi('mig-disk');
      return v.status?.phase === 'Running' ? v : undefined;
    });
    assert.equal(vmi.status?.nodeName, home);
    await waitFor('the guest wrote its mark', 60_000, () => /vireo-mark-written/.test(serialLog(vmi)) || undefined, 200);
    await tcp.client.mergePatch(R.nodes, undefined, away, { metadata: { labels: { 'vireo.test/start-here': 'true' } } });

    await migrate('mig-disk-1', 'mig-disk');
    const done = await migrationIn('mig-disk-1', ['Succeeded', 'Failed']);
    assert.equal(done.status?.phase, 'Succeeded', JSON.stringify(done.status?.migrationState));
    const moved = await waitFor('VMI on the other node', 30_000, async () => {
      const v = await getVmi('mig-disk');
      return v.status?.nodeName === away ? v : undefined;
    });
    // The PV follows the data: the other node, a path under its volume root, and the mark is in that file.
    const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvName);
    assert.equal(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0], away);
    const newPath = pv.spec?.local?.path ?? '';
    assert.ok(newPath.startsWith(join(dataDirOf(away), 'volumes')), newPath);
    assert.ok(readFileSync(join(newPath, 'disk.img')).includes(mark), 'the guest\'s write reached the target copy');
    await waitFor('the source copy removed', 30_000, () => !existsSync(pvBefore.spec?.local?.path ?? '') || undefined, 200);
    const beat = lastHeartbeat(serialLog(moved));
    await waitFor('heartbeats on the target', 30_000, () => lastHeartbeat(serialLog(moved)) > beat || undefined, 200);
  });
});
