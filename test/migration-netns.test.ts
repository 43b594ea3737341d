// Live migration across network namespaces: two node agents, each in its own namespace with its own
// address, so the migration stream and the disk mirror cross a real (virtual) network. A guest on a
// bridged Multus network keeps its address and an open TCP connection while `vireo migrate` moves
// it; `vireo node drain` empties a node of five guests. Skips where namespaces are not allowed.
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../src/api/core/pod.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { qemuPids } from './support/guests.ts';
import { netnsAvailable, startCluster, type Cluster } from './support/multinode.ts';
import { ip, netnsPids } from './support/netns.ts';
import { vireo } from './support/vireo-cli.ts';
import { addVmLan, NODE_BRIDGE, type VmLan } from './support/vm-lan.ts';
import { TINY_IMAGE, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const unavailable = await netnsAvailable();

function vm(name: string, o: { lanIp?: string; startOn: string }): KubeObject {
  const lan = o.lanIp !== undefined;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy: 'Always',
      template: {
        metadata: { labels: { app: name } },
        spec: {
          evictionStrategy: 'LiveMigrate',
          // Affinity only at start: preferred, so the guest may move anywhere afterwards.
          affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.startOn] }] } }] } },
          domain: {
            resources: { requests: { memory: '128Mi' } },
            devices: {
              disks: [{ name: 'root', disk: { bus: 'virtio' } }, ...(lan ? [{ name: 'ci', disk: { bus: 'virtio' } }] : [])],
              interfaces: lan ? [{ name: 'lan', bridge: {} }] : [{ name: 'default', masquerade: {} }],
            },
          },
          networks: lan ? [{ name: 'lan', multus: { networkName: 'vm-lan' } }] : [{ name: 'default', pod: {} }],
          volumes: [
            { name: 'root', containerDisk: { image: TINY_IMAGE } },
            ...(lan
              ? [{
                  name: 'ci',
                  cloudInitNoCloud: {
                    userData: `#cloud-config\n#vireo-run: ip addr add ${o.lanIp}/24 dev eth0 && ip link set eth0 up && busybox nc -ll -p 7000 -e /bin/cat &\n`,
                  },
                }]
              : []),
          ],
        },
      },
    },
  };
}

describe('live migration across network namespaces', { skip: unavailable, timeout: 420_000 }, () => {
  let cluster: Cluster;
  let lan: VmLan;
  const getVmi = (name: string) => cluster.client.get<VirtualMachineInstance>(R.vmis, NS, name);
  const nodeOf = (name: string) => cluster.nodes.find((n) => n.name === name)!;
  const serial = (v: VirtualMachineInstance) => readFileSync(join(nodeOf(v.status!.nodeName!).dataDir, 'vmis', v.metadata.uid!, 'serial.log'), 'utf8');
  const tapsOn = (node: string) => ip('-n', nodeOf(node).netns, '-o', 'link', 'show', 'master', NODE_BRIDGE).split('\n').filter((l) => / vt[0-9a-f]+[:@]/.test(l));
  const beats = (t: string) => Math.max(0, ...[...t.matchAll(/vireo-heartbeat (\d+)/g)].map((m) => Number(m[1])));
  const running = (name: string) =>
    waitFor(`${name} Running`, 120_000, async () => {
      const v = await cluster.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
      if (v?.status?.phase === 'Failed') throw new Error(`${name} failed: ${JSON.stringify(v.status.conditions)}`);
      return v?.status?.phase === 'Running' ? v : undefined;
    }, 250);

  before(async () => {
    cluster = await startCluster({ nodes: 2 });
    lan = addVmLan(cluster);
    await cluster.client.create(R.nads, NS, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'vm-lan', namespace: NS },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'bridge', bridge: NODE_BRIDGE }) },
    });
  });
  after(async () => {
    await lan?.stop();
    await cluster?.stop();
  });

  it('moves a bridged guest with `vireo migrate`; its address and an open TCP connection survive', async () => {
    const guestIp = `${lan.prefix}.50`;
    await cluster.client.create(R.vms, NS, vm('lan1', { lanIp: guestIp, startOn: 'node1' }));
    const before = await running('lan1');
    assert.equal(before.status?.nodeName, 'node1');
    assert.equal(before.status?.conditions?.find((c) => c.type === 'LiveMigratable')?.status, 'True');
    assert.equal(tapsOn('node1').length, 1, 'one tap on node1\'s br-vm');

    // An echo session from the host namespace straight to the guest's own address.
    const sock = await waitFor('the guest echo server', 90_000, () =>
      new Promise<net.Socket | undefined>((resolve) => {
        const s = net.createConnection({ host: guestIp, port: 7000, timeout: 2000 });
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(undefined));
        s.once('timeout', () => {
          s.destroy();
          resolve(undefined);
        });
      }), 500);
    sock.setTimeout(0);
    let echoed = '';
    let closed = false;
    sock.setEncoding('utf8').on('data', (d: string) => (echoed += d));
    sock.on('close', () => (closed = true));
    sock.on('error', () => undefined); // 'close' follows; the assertions below say what went wrong
    let n = 0;
    const pinger = setInterval(() => sock.write(`ping ${++n}\n`), 100);
    try {
      await waitFor('echoes before the move', 30_000, () => /ping 5\n/.test(echoed) || undefined, 100);
      const beatBefore = beats(serial(before));

      const r = await vireo(cluster.kubeconfig, 'migrate', 'lan1', '-n', NS);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /Succeeded/);

      const moved = await waitFor('lan1 on node2', 30_000, async () => {
        const v = await getVmi('lan1');
        return v.status?.nodeName === 'node2' ? v : undefined;
      });
      const sentAtMove = n;
      await waitFor('echoes after the move', 30_000, () => new RegExp(`ping ${sentAtMove + 5}\\n`).test(echoed) || undefined, 100);
      assert.equal(closed, false, 'the TCP connection stayed open');
      // Every line came back, in order: nothing lost, nothing repeated.
      const lines = echoed.split('\n').filter(Boolean);
      assert.deepEqual(lines, lines.map((_l, i) => `ping ${i + 1}`));
      // The same guest, still counting, now inside node2's namespace.
      await waitFor('heartbeats on node2', 30_000, () => beats(serial(moved)) > beatBefore + 1 || undefined, 250);
      assert.doesNotMatch(serial(moved), /VIREO-GUEST-READY/);
      const pids = qemuPids(moved.metadata.uid!);
      assert.equal(pids.length, 1);
      assert.ok(netnsPids(nodeOf('node2').netns).includes(pids[0]!));
      await waitFor('the source tap removed', 30_000, () => tapsOn('node1').length === 0 || undefined, 200);
      assert.equal(tapsOn('node2').length, 1, 'one tap on node2\'s br-vm');
      const pods = (await cluster.client.list<Pod>(R.pods, NS, { labelSelector: `kubevirt.io/created-by=${moved.metadata.uid}` })).items;
      assert.deepEqual(pods.map((p) => p.spec?.nodeName), ['node2']);
    } finally {
      clearInterval(pinger);
      sock.destroy();
    }
  });

  it('`vireo node drain` moves five running guests off a node', async () => {
    const names = ['dr1', 'dr2', 'dr3', 'dr4', 'dr5'];
    for (const name of names) await cluster.client.create(R.vms, NS, vm(name, { startOn: 'node1' }));
    const vmis = await Promise.all(names.map(running));
    assert.deepEqual(vmis.map((v) => v.status?.nodeName), names.map(() => 'node1'));
    const r = await vireo(cluster.kubeconfig, 'node', 'drain', 'node1');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    for (const name of names) {
      const v = await getVmi(name);
      assert.equal(v.status?.nodeName, 'node2', `${name} moved`);
      assert.equal(v.status?.phase, 'Running');
      assert.equal(qemuPids(v.metadata.uid!).length, 1, `${name} runs once`);
    }
    const node1 = await cluster.client.get<KubeObject & { spec?: { unschedulable?: boolean } }>(R.nodes, undefined, 'node1');
    assert.equal(node1.spec?.unschedulable, true);
    const left = (await cluster.client.list<VirtualMachineInstance>(R.vmis, NS)).items.filter((v) => v.status?.nodeName === 'node1');
    assert.deepEqual(left, []);
    // Fewer TCG guests for the next test's two cores.
    for (const name of names) await cluster.client.delete(R.vms, NS, name);
  });

  it('a network cut mid-way fails the migration on progressTimeout; the guest keeps running on the source, once', async () => {
    const hco = { namespace: 'vireo-system', name: 'kubevirt-hyperconverged' };
    await cluster.client.mergePatch(R.hyperconvergeds, hco.namespace, hco.name, { spec: { liveMigrationConfig: { bandwidthPerMigration: '1Mi', progressTimeout: 3 } } });
    const node2 = nodeOf('node2');
    try {
      await cluster.client.create(R.vms, NS, vm('cut1', { startOn: 'node1' }));
      await cluster.client.mergePatch(R.nodes, undefined, 'node1', { spec: { unschedulable: false } });
      const v = await running('cut1');
      await waitFor('cut1 booted', 120_000, () => beats(serial(v)) >= 2 || undefined, 250);
      const source = v.status!.nodeName!;
      const target = source === 'node1' ? nodeOf('node2') : nodeOf('node1');
      await cluster.client.create(R.vmims, NS, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name: 'cut1-mig', namespace: NS }, spec: { vmiName: 'cut1' } });
      // Cut once RAM is on its way (the small disk mirror before it is done by then).
      await waitFor('the migration copying memory', 60_000, async () => {
        const m = await cluster.client.tryGet<KubeObject & { status?: { phase?: string; migrationState?: { dataProcessedBytes?: number } } }>(R.vmims, NS, 'cut1-mig');
        return (m?.status?.phase === 'Running' && (m.status.migrationState?.dataProcessedBytes ?? 0) > 2 * 2 ** 20) || undefined;
      }, 100);
      ip('-n', target.netns, 'link', 'set', 'eth0', 'down');
      try {
        let last = '';
        const failed = await waitFor('the migration Failed', 60_000, async () => {
          const m = await cluster.client.tryGet<KubeObject & { status?: { phase?: string; migrationState?: { failureReason?: string } } }>(R.vmims, NS, 'cut1-mig');
          last = JSON.stringify(m?.status);
          return m?.status?.phase === 'Failed' ? m : undefined;
        }, 250).catch((e: unknown) => {
          throw new Error(`${(e as Error).message}; the migration: ${last}`, { cause: e });
        });
        assert.match(failed.status?.migrationState?.failureReason ?? '', /progressTimeout/);
        const after = await getVmi('cut1');
        assert.equal(after.status?.nodeName, source);
        assert.equal(after.status?.phase, 'Running');
        const b = beats(serial(after));
        await waitFor('heartbeats on the source', 30_000, () => beats(serial(after)) > b + 1 || undefined, 250).catch(async (e: unknown) => {
          const now = await getVmi('cut1');
          throw new Error(`${(e as Error).message}: conditions ${JSON.stringify(now.status?.conditions)}, serial tail ${JSON.stringify(serial(now).slice(-300))}`, { cause: e });
        });
      } finally {
        ip('-n', target.netns, 'link', 'set', 'eth0', 'up');
        ip('-n', target.netns, 'route', 'replace', 'default', 'via', cluster.bridgeAddress);
      }
      // Once the target node is reachable again its agent learns the outcome and ends its copy.
      await waitFor('one QEMU for cut1', 90_000, () => qemuPids(v.metadata.uid!).length === 1 || undefined, 500);
      assert.ok(netnsPids(nodeOf(source).netns).includes(qemuPids(v.metadata.uid!)[0]!));
    } finally {
      await cluster.client.mergePatch(R.hyperconvergeds, hco.namespace, hco.name, { spec: { liveMigrationConfig: { bandwidthPerMigration: null, progressTimeout: null } } });
      void node2;
    }
  });
});
