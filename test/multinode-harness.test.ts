// The multi-node harness itself: two node agents, each in its own network namespace with its own
// address, register Ready Nodes; a VM pinned to node2 boots there (QEMU inside node2's namespace),
// and its console log comes through the API server, which proves the API server in the host
// namespace reaches an agent endpoint inside a namespace. Skips where namespaces are not allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Node } from '../src/api/core/node.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { vmiSubresource } from '../src/cli/paths.ts';
import { getRaw } from '../src/cli/raw-get.ts';
import { qemuPids } from './support/guests.ts';
import { netnsAvailable, startCluster, type Cluster } from './support/multinode.ts';
import { netnsPids } from './support/netns.ts';
import { TINY_IMAGE, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const NAME = 'mn-tiny';
const unavailable = await netnsAvailable();

function tinyVm(name: string, node: string): KubeObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy: 'Always',
      template: {
        metadata: { labels: { app: name } },
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': node },
          domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
          volumes: [{ name: 'root', containerDisk: { image: TINY_IMAGE } }],
        },
      },
    },
  };
}

describe('multi-node harness', { skip: unavailable, timeout: 240_000 }, () => {
  let cluster: Cluster | undefined;
  before(async () => {
    cluster = await startCluster({ nodes: 2 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('registers one Ready Node per namespace, each with its own InternalIP', async () => {
    const c = cluster!;
    const nodes = await c.client.list<Node>(R.nodes);
    const byName = new Map(nodes.items.map((n) => [n.metadata.name, n]));
    for (const node of c.nodes) {
      const n = byName.get(node.name);
      assert.ok(n, `Node ${node.name} exists`);
      assert.equal(n.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'True');
      assert.equal(n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address, node.address);
      assert.ok(netnsPids(node.netns).includes(node.agent.child!.pid!), `the agent of ${node.name} runs in ${node.netns}`);
    }
    assert.notEqual(c.nodes[0]!.address, c.nodes[1]!.address);
  });

  it('runs a VM pinned to node2 inside node2\'s namespace, its console log read through the API server', async () => {
    const c = cluster!;
    const node2 = c.nodes[1]!;
    await c.client.create(R.vms, NS, tinyVm(NAME, node2.name));
    const vmi = await waitFor(`VMI ${NAME} Running`, 60_000, async () => {
      const v = await c.client.tryGet<VirtualMachineInstance>(R.vmis, NS, NAME);
      if (v?.status?.phase === 'Failed') throw new Error(`VMI failed: ${JSON.stringify(v.status)}`);
      return v?.status?.phase === 'Running' ? v : undefined;
    }, 250);
    assert.equal(vmi.status?.nodeName, node2.name);

    const pods = await c.client.list<KubeObject & { spec?: { nodeName?: string } }>(R.pods, NS, { labelSelector: `kubevirt.io/created-by=${vmi.metadata.uid}` });
    assert.equal(pods.items.length, 1, 'one launcher pod');
    assert.match(pods.items[0]!.metadata.name!, new RegExp(`^virt-launcher-${NAME}-`));
    assert.equal(pods.items[0]!.spec?.nodeName, node2.name);

    const qemu = qemuPids(vmi.metadata.uid!);
    assert.equal(qemu.length, 1, 'one QEMU for the VMI');
    assert.ok(netnsPids(node2.netns).includes(qemu[0]!), `QEMU ${qemu[0]} runs in ${node2.netns}`);
    assert.ok(!netnsPids(c.nodes[0]!.netns).includes(qemu[0]!), 'and not in node1\'s');

    const log = await waitFor('the guest booting in the console log', 60_000, async () => {
      const text = (await getRaw({ client: c.client, creds: c.client.creds, namespace: NS }, vmiSubresource(NS, NAME, 'consolelog'), {})).toString('latin1');
      return /VIREO-GUEST-READY/.test(text) ? text : undefined;
    }, 500);
    assert.match(log, /VIREO-GUEST-READY/);
  });
});
