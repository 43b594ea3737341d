// `vireo node drain` against a real control plane and migration controller, the test playing the
// node agents on made-up Nodes: each eviction strategy does what KubeVirt's does (LiveMigrate moves
// the VM, LiveMigrate on a VM that cannot move is refused and fails the drain, LiveMigrateIfPossible
// falls back to stopping, None stops, External stays), the cluster default comes from
// HyperConverged, and a drain that cannot finish in time says what is left.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Node } from '../src/api/core/node.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import type { KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import { DRAINED_NODE_LABEL } from '../src/cli/drain.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { SIM_LABEL, completeMigration, createSimNodes, handedOver, runSimulatedVm, updateVmiStatus, liveMigratable } from './support/simulated-vms.ts';
import { startVireo, vireo } from './support/vireo-cli.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'drain';
let tcp: TestControlPlane;
let c: KubeClient;

/** The migration the drain created for `vmi`. */
function drainMigration(vmi: string, node: string): Promise<VirtualMachineInstanceMigration> {
  return waitFor(`the drain's migration of ${vmi}`, 20_000, async () => {
    const list = await c.list<VirtualMachineInstanceMigration>(R.vmims, NS, { labelSelector: `${DRAINED_NODE_LABEL}=${node}` });
    return list.items.find((m) => m.spec?.vmiName === vmi);
  }, 100);
}

/** A VMI no VirtualMachine owns, reported Running on `node`. */
async function standaloneVmi(name: string, node: string, evictionStrategy: string): Promise<void> {
  await c.create(R.vmis, NS, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: NS },
    spec: { nodeSelector: { [SIM_LABEL]: 'true' }, evictionStrategy, domain: { resources: { requests: { memory: '64Mi' } }, devices: {} } },
  } as VirtualMachineInstance);
  await updateVmiStatus(c, NS, name, (s) => {
    s.phase = 'Running';
    s.nodeName = node;
    s.conditions = [liveMigratable({})];
  });
}

describe('vireo node drain', { timeout: 180_000 }, () => {
  before(async () => {
    tcp = await startControlPlane();
    c = tcp.client;
    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await createSimNodes(c, ['drain-a', 'drain-b']);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('migrates, stops, leaves or refuses each VM as its evictionStrategy says, and fails when one cannot leave', async () => {
    // The cluster default for VMIs that name none.
    await c.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, { spec: { evictionStrategy: 'LiveMigrateIfPossible' } });
    await runSimulatedVm(c, NS, 'live', { node: 'drain-a', evictionStrategy: 'LiveMigrate' });
    await runSimulatedVm(c, NS, 'dflt', { node: 'drain-a', migratable: false });
    await runSimulatedVm(c, NS, 'none', { node: 'drain-a', evictionStrategy: 'None' });
    await runSimulatedVm(c, NS, 'ext', { node: 'drain-a', evictionStrategy: 'External' });
    await runSimulatedVm(c, NS, 'stuck', { node: 'drain-a', evictionStrategy: 'LiveMigrate', migratable: false, notMigratableMessage: 'volume "d" is a hostDisk' });
    await standaloneVmi('orphan', 'drain-a', 'None');
    await runSimulatedVm(c, NS, 'bystander', { node: 'drain-b' });

    const run = startVireo(tcp.kubeconfig, ['node', 'drain', 'drain-a', '--timeout', '2m']);
    // Play the agents of the one migration: the target gets ready, the source sends, the target takes over.
    const m = await drainMigration('live', 'drain-a');
    const state = await handedOver(c, NS, 'live', m.metadata.uid!);
    assert.notEqual(state.targetNode, 'drain-a');
    await completeMigration(c, NS, 'live', { targetNodeAddress: '192.0.2.2', startTimestamp: new Date().toISOString(), downtimeMs: 12 });
    const r = await run.done;

    const out = r.stdout;
    assert.match(out, /^node\/drain-a cordoned\n/);
    assert.match(out, new RegExp(`\\ndrain/live: migrating \\(evictionStrategy LiveMigrate; migration ${m.metadata.name}\\)\\n`));
    assert.match(out, new RegExp(`\\ndrain/live: moved to ${state.targetNode}\\n`));
    assert.match(out, /\ndrain\/dflt: stopping VM dflt \(evictionStrategy LiveMigrateIfPossible from HyperConverged, not live-migratable\)\n/);
    assert.match(out, /\ndrain\/none: stopping VM none \(evictionStrategy None\)\n/);
    assert.match(out, /\ndrain\/orphan: deleting the VMI \(evictionStrategy None; no VirtualMachine owns it\)\n/);
    for (const gone of ['dflt', 'none']) assert.match(out, new RegExp(`\\ndrain/${gone}: stopped\\n`));
    assert.match(out, /\ndrain\/orphan: deleted\n/);
    assert.match(out, /\ndrain\/ext: evictionStrategy External: left for its external controller\n/);
    assert.match(out, /\ndrain\/stuck: cannot evict: evictionStrategy LiveMigrate, but it cannot migrate: volume "d" is a hostDisk\n/);
    assert.match(out, /\nleft on node\/drain-a: drain\/ext: evictionStrategy External/);
    assert.doesNotMatch(out, /bystander/);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: node/drain-a is not drained: 1 VMI(s) could not be evicted: drain/stuck: evictionStrategy LiveMigrate, but it cannot migrate: volume "d" is a hostDisk\n');

    assert.equal((await c.get<Node>(R.nodes, undefined, 'drain-a')).spec?.unschedulable, true);
    const left = await c.list<VirtualMachineInstance>(R.vmis, NS, { fieldSelector: 'status.nodeName=drain-a' });
    assert.deepEqual(left.items.map((v) => v.metadata.name).sort(), ['ext', 'stuck']);
    assert.equal((await c.get<VirtualMachineInstance>(R.vmis, NS, 'live')).status?.nodeName, state.targetNode);
    for (const vm of ['dflt', 'none']) assert.equal((await c.get<VirtualMachine>(R.vms, NS, vm)).spec?.runStrategy, 'Halted', `VM ${vm} stopped`);
  });

  it('gives up after --timeout, naming what is still on the node; rejects a bad --timeout', async () => {
    await createSimNodes(c, ['drain-c']);
    await runSimulatedVm(c, NS, 'slow', { node: 'drain-c', evictionStrategy: 'LiveMigrate' });
    const r = await vireo(tcp.kubeconfig, 'node', 'drain', 'drain-c', '--timeout', '3s');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: timed out draining node drain-c after 3 s; still on it: drain\/slow: (migrating|migration slow-drain-[a-z0-9]{5}: [A-Za-z]+)[^;]*\n$/);
    const bad = await vireo(tcp.kubeconfig, 'node', 'drain', 'drain-c', '--timeout', 'soon');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: --timeout: time: invalid duration "soon"/);
  });
});
