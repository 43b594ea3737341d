// MigrationPolicy through the API with the real migration controller and simulated node agents
// (test/support/simulated-vms.ts): admission names the bad fields; the most specific policy that
// selects a VMI (by its labels and its namespace's) is recorded in migrationState.migrationPolicyName
// and its settings override the HyperConverged's in migrationState.migrationConfiguration.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import type { MigrationPolicy } from '../src/api/migrations/index.ts';
import { ApiStatusError, type KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { MigrationConfig } from '../src/controllers/migration/config.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { createSimNodes, failMigration, handedOver, runSimulatedVm } from './support/simulated-vms.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'policy-api';
const MiB = 2 ** 20;
let tcp: TestControlPlane;
let c: KubeClient;

const policy = (name: string, spec: MigrationPolicy['spec']): MigrationPolicy => ({ apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name }, spec });

async function migrateAndRead(vmi: string, name: string): Promise<{ state: NonNullable<VirtualMachineInstance['status']>['migrationState']; vmim: VirtualMachineInstanceMigration }> {
  const created = await c.create<VirtualMachineInstanceMigration>(R.vmims, NS, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name, namespace: NS }, spec: { vmiName: vmi } });
  const state = await handedOver(c, NS, vmi, created.metadata.uid ?? '');
  const vmim = await waitFor(`${name} carries the state`, 15_000, async () => {
    const m = await c.get<VirtualMachineInstanceMigration>(R.vmims, NS, name);
    return m.status?.migrationState?.migrationUid ? m : undefined;
  }, 50);
  await failMigration(c, NS, vmi, 'ended by the test');
  await waitFor(`${name} failed`, 15_000, async () => ((await c.get<VirtualMachineInstanceMigration>(R.vmims, NS, name)).status?.phase === 'Failed' ? true : undefined), 50);
  return { state, vmim };
}

describe('MigrationPolicy through the API and the migration controller', { timeout: 120_000 }, () => {
  before(async () => {
    tcp = await startControlPlane();
    c = tcp.client;
    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'hpc-workloads': 'true' } } });
    await createSimNodes(c, ['pol-a', 'pol-b']);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('refuses a bad quantity and a negative timeout, naming both fields', async () => {
    const e = await c.create(R.migrationpolicies, undefined, policy('bad', { bandwidthPerMigration: 'lots', completionTimeoutPerGiB: -1 })).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(e instanceof ApiStatusError, String(e));
    assert.equal(e.code, 422);
    assert.match(e.message, /spec\.bandwidthPerMigration: Invalid value: "lots"/);
    assert.match(e.message, /spec\.completionTimeoutPerGiB: Invalid value: -1/);
    assert.equal((await c.list(R.migrationpolicies)).items.length, 0, 'nothing stored');
  });

  it('the most specific matching policy applies; its fields override the cluster configuration', async () => {
    await c.create(R.migrationpolicies, undefined, policy('broad', { selectors: { namespaceSelector: { 'hpc-workloads': 'true' } }, bandwidthPerMigration: '1Gi' }));
    await c.create(R.migrationpolicies, undefined, policy('db-in-hpc', {
      selectors: { namespaceSelector: { 'hpc-workloads': 'true' }, virtualMachineInstanceSelector: { 'workload-type': 'db' } },
      bandwidthPerMigration: '8Mi',
      allowPostCopy: true,
    }));
    await c.create(R.migrationpolicies, undefined, policy('elsewhere', { selectors: { namespaceSelector: { team: 'other' } }, bandwidthPerMigration: '2Mi' }));
    await runSimulatedVm(c, NS, 'db', { node: 'pol-a' });
    await c.mergePatch(R.vmis, NS, 'db', { metadata: { labels: { 'workload-type': 'db' } } });

    const { state, vmim } = await migrateAndRead('db', 'db-1');
    assert.equal(state?.migrationPolicyName, 'db-in-hpc');
    const cfg = state?.migrationConfiguration as unknown as MigrationConfig;
    assert.equal(cfg.bandwidthPerMigration, 8 * MiB);
    assert.equal(cfg.allowPostCopy, true);
    assert.equal(cfg.completionTimeoutPerGiB, 150, 'not set by the policy: the cluster value');
    assert.equal(vmim.status?.migrationState?.migrationPolicyName, 'db-in-hpc', 'the migration object shows it too');
  });

  it('a VMI only the namespace selects gets the broader policy; none selects it outside the namespace labels', async () => {
    await runSimulatedVm(c, NS, 'web', { node: 'pol-a' });
    const { state } = await migrateAndRead('web', 'web-1');
    assert.equal(state?.migrationPolicyName, 'broad');
    assert.equal((state?.migrationConfiguration as unknown as MigrationConfig).bandwidthPerMigration, 2 ** 30);

    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'policy-none' } });
    await runSimulatedVm(c, 'policy-none', 'plain', { node: 'pol-a' });
    const m = await c.create<VirtualMachineInstanceMigration>(R.vmims, 'policy-none', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name: 'plain-1', namespace: 'policy-none' }, spec: { vmiName: 'plain' } });
    const plain = await handedOver(c, 'policy-none', 'plain', m.metadata.uid ?? '');
    assert.equal(plain.migrationPolicyName, undefined);
    assert.equal((plain.migrationConfiguration as unknown as MigrationConfig).bandwidthPerMigration, 0, 'the cluster default: unlimited');
  });
});
