// The default scheduler against a real control plane: fake Nodes made through the API, VMIs
// created directly, and what the scheduler writes back (binding, Unschedulable condition, events).
// VMIs carry a nodeSelector only these fake nodes satisfy, so a real node agent does not matter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../src/api/core/node.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/types.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

let tcp: TestControlPlane;
const NS = 'default';
const SEL = { 'vireo.io/sched-test': 'yes' };
const TAINT = { key: 'dedicated', value: 'vm', effect: 'NoSchedule' } as const;
const TOLERATE = [{ key: 'dedicated', operator: 'Equal', value: 'vm', effect: 'NoSchedule' }];
const AFFINITY_MSG = "node(s) didn't match Pod's node affinity/selector";

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function addNode(name: string, o: { memory: string; labels?: Record<string, string>; taints?: (typeof TAINT)[] }): Promise<void> {
  const created = await tcp.client.create<Node>(R.nodes, undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubevirt.io/schedulable': 'true', ...SEL, ...o.labels } },
    spec: o.taints ? { taints: o.taints } : {},
  });
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const res = { cpu: '4', memory: o.memory, 'devices.kubevirt.io/kvm': '1k' };
  await tcp.client.updateStatus(R.nodes, {
    ...created,
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'AgentReady', lastHeartbeatTime: now, lastTransitionTime: now }] },
  });
}

function createVmi(name: string, o: { memory?: string; labels?: Record<string, string>; spec?: Record<string, unknown> } = {}): Promise<VirtualMachineInstance> {
  return tcp.client.create<VirtualMachineInstance>(R.vmis, NS, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, labels: o.labels ?? {} },
    spec: { nodeSelector: SEL, domain: { devices: {}, resources: { requests: { memory: o.memory ?? '256Mi' } } }, ...o.spec },
  });
}

const getVmi = (name: string) => tcp.client.get<VirtualMachineInstance>(R.vmis, NS, name);
const podScheduled = (v: VirtualMachineInstance) => v.status?.conditions?.find((c) => c.type === 'PodScheduled');

function boundNode(name: string): Promise<string> {
  return waitFor(`${name} to be bound`, async () => (await getVmi(name)).status?.nodeName);
}

function unschedulable(name: string, match: (msg: string) => boolean = () => true): Promise<string> {
  return waitFor(`${name} to be Unschedulable`, async () => {
    const c = podScheduled(await getVmi(name));
    return c?.status === 'False' && c.reason === 'Unschedulable' && c.message && match(c.message) ? c.message : undefined;
  });
}

type Ev = KubeObject & { reason: string; message: string; type: string; source?: { component?: string }; count?: number };
async function events(v: VirtualMachineInstance, reason: string): Promise<Ev[]> {
  const list = await tcp.client.list<Ev>(R.events, NS, { fieldSelector: `involvedObject.uid=${v.metadata.uid},reason=${reason}` });
  return list.items;
}

/** The Unschedulable message for the fake nodes' reasons plus every other node failing the selector. */
async function expectedMessage(parts: string[], fakeNodes: number): Promise<string> {
  const total = (await tcp.client.list(R.nodes)).items.length;
  const others = total - fakeNodes;
  const all = [...parts, ...(others > 0 ? [`${others} ${AFFINITY_MSG}`] : [])].sort();
  return `0/${total} nodes are available: ${all.join(', ')}.`;
}

before(async () => {
  tcp = await startControlPlane();
  await addNode('sched-test-a', { memory: '4Gi', labels: { 'cpu-model.node.kubevirt.io/EPYC': 'true' } });
  await addNode('sched-test-b', { memory: '2Gi', labels: { 'cpu-model.node.kubevirt.io/Conroe': 'true' }, taints: [TAINT] });
});
after(async () => {
  await tcp.stop();
});

test('a VMI is bound to the node that fits, with phase, condition and a Scheduled event', async () => {
  await createVmi('bind-1', { memory: '1Gi' });
  assert.equal(await boundNode('bind-1'), 'sched-test-a', 'sched-test-b is tainted');
  const v = await getVmi('bind-1');
  assert.equal(v.status?.phase, 'Scheduled');
  assert.equal(podScheduled(v)?.status, 'True');
  assert.deepEqual(v.status?.phaseTransitionTimestamps?.map((p) => p.phase), ['Scheduled']);
  const [ev] = await waitFor('Scheduled event', async () => ((await events(v, 'Scheduled')).length ? events(v, 'Scheduled') : undefined));
  assert.equal(ev!.message, `Successfully assigned ${NS}/bind-1 to sched-test-a`);
  assert.equal(ev!.source?.component, 'default-scheduler');
  assert.equal(ev!.type, 'Normal');
});

test('a VMI too big for every node stays Pending and says why; a bigger node lets it schedule', async () => {
  await createVmi('too-big', { memory: '6Gi' });
  const want = await expectedMessage(['1 Insufficient memory', '1 node(s) had untolerated taint {dedicated: vm}'], 2);
  const msg = await unschedulable('too-big');
  assert.equal(msg, want);
  const v = await getVmi('too-big');
  assert.equal(v.status?.phase, 'Pending');
  assert.equal(v.status?.nodeName, undefined);
  const evs = await waitFor('FailedScheduling event', async () => ((await events(v, 'FailedScheduling')).length ? events(v, 'FailedScheduling') : undefined));
  assert.equal(evs.length, 1);
  assert.equal(evs[0]!.type, 'Warning');
  assert.equal(evs[0]!.message, want);
  await addNode('sched-test-c', { memory: '16Gi' });
  assert.equal(await boundNode('too-big'), 'sched-test-c');
  const bound = await getVmi('too-big');
  assert.equal(podScheduled(bound)?.status, 'True');
  assert.deepEqual(bound.status?.phaseTransitionTimestamps?.map((p) => p.phase), ['Pending', 'Scheduled']);
});

test('a tainted node takes only VMIs that tolerate its taint', async () => {
  const onlyB = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['sched-test-b'] }] }] } } } };
  await createVmi('intolerant', { spec: onlyB });
  const msg = await unschedulable('intolerant');
  assert.match(msg, /1 node\(s\) had untolerated taint \{dedicated: vm\}/);
  await createVmi('tolerant', { spec: { ...onlyB, tolerations: TOLERATE } });
  assert.equal(await boundNode('tolerant'), 'sched-test-b');
  assert.equal((await getVmi('intolerant')).status?.nodeName, undefined);
});

test('required pod anti-affinity spreads two VMIs created at once over two nodes', async () => {
  const spec = {
    tolerations: TOLERATE,
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['sched-test-a', 'sched-test-b'] }] }] } },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'spread' } }, topologyKey: 'kubernetes.io/hostname' }] },
    },
  };
  await Promise.all([createVmi('spread-1', { labels: { app: 'spread' }, spec }), createVmi('spread-2', { labels: { app: 'spread' }, spec })]);
  const nodes = await Promise.all([boundNode('spread-1'), boundNode('spread-2')]);
  assert.deepEqual(nodes.sort(), ['sched-test-a', 'sched-test-b']);
  // A third has nowhere left to go.
  await createVmi('spread-3', { labels: { app: 'spread' }, spec });
  assert.match(await unschedulable('spread-3'), /2 node\(s\) didn't match pod anti-affinity rules/);
});

test('a VMI naming another scheduler is left alone, with one event saying what it waits for', async () => {
  const v = await createVmi('custom', { spec: { schedulerName: 'my-scheduler' } });
  const evs = await waitFor('WaitingForScheduler event', async () => ((await events(v, 'WaitingForScheduler')).length ? events(v, 'WaitingForScheduler') : undefined));
  assert.equal(evs[0]!.type, 'Normal');
  assert.match(evs[0]!.message, /my-scheduler/);
  // The scheduler keeps working (a node change re-evaluates everything) and still leaves it alone.
  await tcp.client.mergePatch(R.nodes, undefined, 'sched-test-a', { metadata: { labels: { 'vireo.io/poke': '1' } } });
  await createVmi('after-custom');
  await boundNode('after-custom');
  const now = await getVmi('custom');
  assert.equal(now.status?.nodeName, undefined);
  assert.equal(now.status?.phase, undefined);
  assert.equal(podScheduled(now), undefined);
  assert.equal(now.metadata.resourceVersion, v.metadata.resourceVersion, 'not written at all');
  const again = await events(v, 'WaitingForScheduler');
  assert.equal(again.length, 1);
  assert.equal(again[0]!.count ?? 1, 1);
});

test('the HyperConverged defaultCPUModel decides where a VMI without a model may run', async () => {
  const hco = (model: string | null) => tcp.client.mergePatch(R.hyperconvergeds, 'vireo-system', 'kubevirt-hyperconverged', { spec: { defaultCPUModel: model } });
  await hco('Conroe');
  try {
    await createVmi('default-model');
    const want = await expectedMessage(["2 node(s) didn't have the required CPU model", '1 node(s) had untolerated taint {dedicated: vm}'], 3);
    assert.equal(await unschedulable('default-model'), want);
    await hco('EPYC');
    assert.equal(await boundNode('default-model'), 'sched-test-a');
  } finally {
    await hco(null);
  }
});
