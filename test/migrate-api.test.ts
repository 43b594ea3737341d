// The VM migrate subresource and the migration commands of `bin/vireo`, against a real control
// plane and its migration controller but no node agent: the test plays the agents (VMI status and
// migrationState) on made-up Nodes, so refusals, the created migration, following it to success or
// failure, cancel and cordon are checked without QEMU.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Node } from '../src/api/core/node.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { ApiStatusError, type KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { completeMigration, createSimNodes, failMigration, handedOver, liveMigratable, runSimulatedVm, simulatedVm, updateVmiStatus, writeMigrationState } from './support/simulated-vms.ts';
import { startVireo, vireo } from './support/vireo-cli.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'migrate-api';
const MiB = 1024 * 1024;
let tcp: TestControlPlane;
let c: KubeClient;

const migrate = (name: string, body?: unknown) =>
  c.request<VirtualMachineInstanceMigration>('PUT', `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/${name}/migrate`, body === undefined ? {} : { body });

async function refused(p: Promise<unknown>): Promise<ApiStatusError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(e instanceof ApiStatusError, `expected a refusal, got ${String(e)}`);
  return e;
}

const migrationsOf = async (vmi: string) => (await c.list<VirtualMachineInstanceMigration>(R.vmims, NS)).items.filter((m) => m.spec?.vmiName === vmi);

async function migrationIn(name: string, phases: string[]): Promise<VirtualMachineInstanceMigration> {
  return waitFor(`migration ${name} in ${phases.join('/')}`, 15_000, async () => {
    const m = await c.tryGet<VirtualMachineInstanceMigration>(R.vmims, NS, name);
    return m && phases.includes(m.status?.phase ?? '') ? m : undefined;
  }, 50);
}

/** The migration `vireo migrate` created: the newest of VMI `vmi`'s that has not ended. */
async function createdByCli(vmi: string): Promise<VirtualMachineInstanceMigration> {
  return waitFor('the migration created by vireo migrate', 20_000, async () => (await migrationsOf(vmi)).find((m) => !['Succeeded', 'Failed'].includes(m.status?.phase ?? '')), 100);
}

const nodeOf = async (vmi: string) => (await c.get<VirtualMachineInstance>(R.vmis, NS, vmi)).status?.nodeName;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('migrate subresource and CLI', { timeout: 180_000 }, () => {
  before(async () => {
    tcp = await startControlPlane();
    c = tcp.client;
    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await createSimNodes(c, ['sim-a', 'sim-b']);
    await runSimulatedVm(c, NS, 'mig', { node: 'sim-a' });
  });
  after(async () => {
    await tcp?.stop();
  });

  it('refuses a missing VM (404) and a VM that is not running (409)', async () => {
    const missing = await refused(migrate('nope'));
    assert.equal(missing.code, 404);
    assert.match(missing.message, /virtualmachine.kubevirt.io "nope" not found/);

    const vm = simulatedVm(NS, 'halted');
    await c.create(R.vms, NS, { ...vm, spec: { ...vm.spec!, runStrategy: 'Halted' } } as VirtualMachine);
    const halted = await refused(migrate('halted'));
    assert.equal(halted.code, 409);
    assert.equal(halted.reason, 'Conflict');
    assert.equal(halted.message, 'Operation cannot be fulfilled on virtualmachine.kubevirt.io "halted": VM is not running');
  });

  it('refuses a VMI whose LiveMigratable condition is False, with that condition\'s message', async () => {
    await runSimulatedVm(c, NS, 'pinned', { node: 'sim-a', migratable: false, notMigratableMessage: 'volume "data" is a hostDisk, which lives on this node only' });
    const e = await refused(migrate('pinned'));
    assert.equal(e.code, 409);
    assert.match(e.message, /"pinned": volume "data" is a hostDisk, which lives on this node only$/);
    assert.deepEqual(await migrationsOf('pinned'), []);
  });

  it('creates a migration (200, named after the VM), refuses a second until the first has ended', async () => {
    const m = await migrate('mig', { addedNodeSelector: { 'kubernetes.io/hostname': 'sim-b' } });
    assert.match(m.metadata.name!, /^mig-migration-[a-z0-9]{5}$/);
    assert.deepEqual(m.spec, { vmiName: 'mig', addedNodeSelector: { 'kubernetes.io/hostname': 'sim-b' } });
    const state = await handedOver(c, NS, 'mig', m.metadata.uid!);
    assert.equal(state.targetNode, 'sim-b');
    const running = await migrationIn(m.metadata.name!, ['PreparingTarget']);

    const again = await refused(migrate('mig'));
    assert.equal(again.code, 409);
    assert.match(again.message, new RegExp(`in-flight migration detected: migration ${m.metadata.name} \\(phase ${running.status?.phase}\\)`));
    const dryWhileRunning = await refused(migrate('mig', { dryRun: ['All'] }));
    assert.equal(dryWhileRunning.code, 409, 'dryRun is judged like the real thing');

    await failMigration(c, NS, 'mig', 'simulated failure');
    await migrationIn(m.metadata.name!, ['Failed']);
    const before = (await migrationsOf('mig')).length;
    const dry = await migrate('mig', { dryRun: ['All'] });
    assert.equal(dry.spec?.vmiName, 'mig', 'allowed once the first has ended');
    assert.equal((await migrationsOf('mig')).length, before, 'dryRun creates nothing');
  });

  it('a malformed body is a 400', async () => {
    const bad = await refused(migrate('mig', { addedNodeSelector: { zone: 3 } }));
    assert.equal(bad.code, 400);
    assert.match(bad.message, /addedNodeSelector must map label names to string values/);
  });

  it('vireo migrate --no-wait prints the migration name; migrate-cancel cancels it', async () => {
    const r = await vireo(tcp.kubeconfig, 'migrate', 'mig', '-n', NS, '--node', 'sim-b', '--no-wait');
    assert.equal(r.code, 0, r.stderr);
    const name = r.stdout.trim();
    assert.match(name, /^mig-migration-[a-z0-9]{5}$/);
    const m = await c.get<VirtualMachineInstanceMigration>(R.vmims, NS, name);
    assert.deepEqual(m.spec?.addedNodeSelector, { 'kubernetes.io/hostname': 'sim-b' });
    await handedOver(c, NS, 'mig', m.metadata.uid!);

    // A second one is refused with the server's reason, as one line.
    const second = await vireo(tcp.kubeconfig, 'migrate', 'mig', '-n', NS, '--no-wait');
    assert.equal(second.code, 1);
    assert.match(second.stderr, /^error: Operation cannot be fulfilled on virtualmachine\.kubevirt\.io "mig": in-flight migration detected/);

    // migrate-cancel deletes it (the controller aborts it and lets it go); then there is nothing to cancel.
    const cancel = await vireo(tcp.kubeconfig, 'migrate-cancel', 'mig', '-n', NS);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(cancel.stdout, new RegExp(`^migration ${name} of VMI mig \\((Scheduled|PreparingTarget)\\) cancelled\\n$`));
    await waitFor(`migration ${name} gone`, 15_000, async () => ((await c.tryGet(R.vmims, NS, name)) ? undefined : true), 100);
    assert.equal(await nodeOf('mig'), 'sim-a', 'the VM stays on its source');
    const none = await vireo(tcp.kubeconfig, 'migrate-cancel', 'mig', '-n', NS);
    assert.equal(none.code, 1);
    assert.equal(none.stderr, `error: found no unfinished migration of VMI mig in namespace ${NS} to cancel\n`);
    const noVmi = await vireo(tcp.kubeconfig, 'migrate-cancel', 'ghost', '-n', NS);
    assert.equal(noVmi.code, 1);
    assert.match(noVmi.stderr, /virtualmachineinstances\.kubevirt\.io "ghost" not found/);
  });

  it('vireo migrate follows phases and progress to Succeeded (exit 0)', async () => {
    const run = startVireo(tcp.kubeconfig, ['migrate', 'mig', '-n', NS]);
    const m = await createdByCli('mig');
    const seen = (line: string) => waitFor(`"${line}" in the output`, 10_000, () => run.stdout().includes(line) || undefined, 50);
    await seen(`VM mig was scheduled to migrate (migration ${m.metadata.name}`);
    const state = await handedOver(c, NS, 'mig', m.metadata.uid!);
    assert.equal(state.targetNode, 'sim-b');
    await seen(`PreparingTarget: sim-a → sim-b, target pod ${state.targetPod}`);
    await writeMigrationState(c, NS, 'mig', { targetNodeAddress: '192.0.2.2' });
    await seen('TargetReady: sim-a → sim-b');
    const start = Date.now();
    await writeMigrationState(c, NS, 'mig', { startTimestamp: iso(start), dataTotalBytes: 160 * MiB, dataProcessedBytes: 40 * MiB, dataRemainingBytes: 120 * MiB });
    await seen('Running: sim-a → sim-b');
    await seen('  25% (40.0 MiB sent of 160.0 MiB, 120.0 MiB remaining)');
    await writeMigrationState(c, NS, 'mig', { dataProcessedBytes: 120 * MiB, dataRemainingBytes: 40 * MiB });
    await seen('  75% (120.0 MiB sent of 160.0 MiB, 40.0 MiB remaining)');
    await completeMigration(c, NS, 'mig', { endTimestamp: iso(start + 6000), dataProcessedBytes: 170 * MiB, dataRemainingBytes: 0, downtimeMs: 28 });
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nSucceeded: mig moved from sim-a to sim-b in 6\.0 s \(downtime 28 ms\)\n$/);
    assert.equal(await nodeOf('mig'), 'sim-b');
  });

  it('vireo migrate exits non-zero with the failure reason when the migration fails', async () => {
    const run = startVireo(tcp.kubeconfig, ['migrate', 'mig', '-n', NS]);
    const m = await createdByCli('mig');
    await handedOver(c, NS, 'mig', m.metadata.uid!);
    await failMigration(c, NS, 'mig', 'target node sim-a stopped answering');
    const r = await run.done;
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\nFailed: target node sim-a stopped answering\n$/);
    assert.equal(r.stderr, `error: migration ${m.metadata.name} of VM mig failed: target node sim-a stopped answering\n`);
    assert.equal(await nodeOf('mig'), 'sim-b', 'the VM stays on its source');
  });

  it('a VMI that became not live-migratable is refused by the CLI with the reason', async () => {
    const setMigratable = (o: Parameters<typeof liveMigratable>[0]) =>
      updateVmiStatus(c, NS, 'mig', (s) => {
        s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== 'LiveMigratable'), liveMigratable(o)];
      });
    await setMigratable({ migratable: false, notMigratableMessage: 'interface "br" uses bridge binding' });
    const r = await vireo(tcp.kubeconfig, 'migrate', 'mig', '-n', NS);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /"mig": interface "br" uses bridge binding\n$/);
    await setMigratable({});
  });

  it('vireo node cordon / uncordon set spec.unschedulable', async () => {
    await c.create(R.nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'cordon-node' }, spec: {} });
    const unschedulable = async () => (await c.get<Node>(R.nodes, undefined, 'cordon-node')).spec?.unschedulable;
    let r = await vireo(tcp.kubeconfig, 'node', 'cordon', 'cordon-node');
    assert.equal(r.stdout, 'node/cordon-node cordoned\n', r.stderr);
    assert.equal(await unschedulable(), true);
    r = await vireo(tcp.kubeconfig, 'node', 'cordon', 'cordon-node');
    assert.equal(r.stdout, 'node/cordon-node already cordoned\n');
    r = await vireo(tcp.kubeconfig, 'node', 'uncordon', 'cordon-node');
    assert.equal(r.stdout, 'node/cordon-node uncordoned\n');
    assert.equal(await unschedulable(), undefined);
    r = await vireo(tcp.kubeconfig, 'node', 'cordon', 'no-such-node');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nodes "no-such-node" not found/);
  });
});
