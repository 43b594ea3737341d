// Access modes at scheduling, against a real control plane with two made-up Nodes: a VMI whose
// ReadWriteOnce claim another VMI holds on node A is kept off node B — Pending, its PodScheduled
// condition naming the claim, the holder and node A — may share the claim on node A itself, and
// is scheduled on B once every holder on A is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Node } from '../src/api/core/node.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/types.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
const NS = 'default';
const SEL = { 'vireo.io/claims-test': 'yes' };
const CLAIM = 'shared-disk';

async function addNode(name: string): Promise<void> {
  const created = await tcp.client.create<Node>(R.nodes, undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubevirt.io/schedulable': 'true', ...SEL } },
    spec: {},
  });
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const res = { cpu: '4', memory: '8Gi', 'devices.kubevirt.io/kvm': '1k' };
  await tcp.client.updateStatus(R.nodes, {
    ...created,
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'AgentReady', lastHeartbeatTime: now, lastTransitionTime: now }] },
  });
}

/** A VMI on the claim (as a PVC volume, or as the DataVolume of that name), optionally pinned to a node. */
function createVmi(name: string, o: { node?: string; via?: 'pvc' | 'dataVolume' } = {}): Promise<VirtualMachineInstance> {
  const volume = o.via === 'dataVolume' ? { dataVolume: { name: CLAIM } } : { persistentVolumeClaim: { claimName: CLAIM } };
  return tcp.client.create<VirtualMachineInstance>(R.vmis, NS, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name },
    spec: {
      nodeSelector: { ...SEL, ...(o.node ? { 'kubernetes.io/hostname': o.node } : {}) },
      domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '256Mi' } } },
      volumes: [{ name: 'root', ...volume }],
    },
  });
}

const getVmi = (name: string) => tcp.client.get<VirtualMachineInstance>(R.vmis, NS, name);
const boundNode = (name: string) => waitFor(`${name} to be bound`, 10_000, async () => (await getVmi(name)).status?.nodeName);

before(async () => {
  tcp = await startControlPlane();
  await addNode('claims-a');
  await addNode('claims-b');
  await tcp.client.create(R.pvcs, NS, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: CLAIM },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
});

after(async () => {
  await tcp.stop();
});

test('a ReadWriteOnce claim held on node A keeps a VMI pinned to node B Pending, until A lets it go', async () => {
  await createVmi('holder', { node: 'claims-a' });
  assert.equal(await boundNode('holder'), 'claims-a');

  await createVmi('blocked', { node: 'claims-b', via: 'dataVolume' });
  const total = (await tcp.client.list(R.nodes)).items.length;
  const want = `0/${total} nodes are available: 1 node(s) can't use ReadWriteOnce PersistentVolumeClaim "${CLAIM}": VMI holder uses it on node claims-a, ${total - 1} node(s) didn't match Pod's node affinity/selector.`;
  const cond = await waitFor('blocked to be Unschedulable', 10_000, async () => {
    const c = (await getVmi('blocked')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    return c?.status === 'False' ? c : undefined;
  });
  assert.equal(cond.reason, 'Unschedulable');
  assert.equal(cond.message, want);
  assert.equal((await getVmi('blocked')).status?.phase, 'Pending');

  // RWO is per node: another VMI on node A shares the claim.
  await createVmi('same-node');
  assert.equal(await boundNode('same-node'), 'claims-a');

  await tcp.client.delete(R.vmis, NS, 'holder');
  const still = await waitFor('blocked to name the remaining holder', 10_000, async () => {
    const c = (await getVmi('blocked')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    return c?.message?.includes('VMI same-node uses it on node claims-a') ? c : undefined;
  });
  assert.equal(still.status, 'False');
  assert.equal((await getVmi('blocked')).status?.nodeName, undefined);

  await tcp.client.delete(R.vmis, NS, 'same-node');
  assert.equal(await boundNode('blocked'), 'claims-b');
  const scheduled = (await getVmi('blocked')).status?.conditions?.find((x) => x.type === 'PodScheduled');
  assert.equal(scheduled?.status, 'True');
});
