import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HyperConverged } from '../api/hco/hyperconverged.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { MAX_MIGRATION_ATTEMPTS, evictionStrategyOf, planDrainStep, type EvictionStrategy } from './drain-plan.ts';

function vmi(o: { strategy?: EvictionStrategy; phase?: string; migratable?: boolean; owned?: boolean; deleting?: boolean } = {}): VirtualMachineInstance {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: {
      name: 'vm1',
      namespace: 'ns',
      uid: 'u1',
      ...(o.owned === false ? {} : { ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'vm1', uid: 'v1', controller: true }] }),
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: { domain: { devices: {} }, ...(o.strategy ? { evictionStrategy: o.strategy } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      nodeName: 'node1',
      conditions: o.migratable === false ? [{ type: 'LiveMigratable', status: 'False', reason: 'HostDiskNotLiveMigratable', message: 'volume "d" is a hostDisk' }] : [{ type: 'LiveMigratable', status: 'True' }],
    },
  } as VirtualMachineInstance;
}

const vmim = (name: string, phase?: string, failureReason?: string): VirtualMachineInstanceMigration => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name, namespace: 'ns' },
  spec: { vmiName: 'vm1' },
  ...(phase ? { status: { phase, ...(failureReason ? { migrationState: { failureReason } } : {}) } } : {}),
});

const hco = (evictionStrategy?: EvictionStrategy) => ({ apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'h' }, spec: { evictionStrategy } }) as HyperConverged;

test('the strategy: the VMI\'s, else HyperConverged\'s, else LiveMigrate', () => {
  assert.deepEqual(evictionStrategyOf(vmi({ strategy: 'None' }), hco('External')), { strategy: 'None', from: 'VMI' });
  assert.deepEqual(evictionStrategyOf(vmi(), hco('LiveMigrateIfPossible')), { strategy: 'LiveMigrateIfPossible', from: 'HyperConverged' });
  assert.deepEqual(evictionStrategyOf(vmi(), hco()), { strategy: 'LiveMigrate', from: 'default' });
  assert.deepEqual(evictionStrategyOf(vmi()), { strategy: 'LiveMigrate', from: 'default' });
});

test('LiveMigrate: migrate when it can, refuse with the reason when it cannot', () => {
  assert.deepEqual(planDrainStep(vmi({ strategy: 'LiveMigrate' }), { migrations: [] }), { kind: 'migrate' });
  assert.deepEqual(planDrainStep(vmi({ strategy: 'LiveMigrate', migratable: false }), { migrations: [] }), {
    kind: 'refuse',
    reason: 'evictionStrategy LiveMigrate, but it cannot migrate: volume "d" is a hostDisk',
  });
});

test('LiveMigrateIfPossible: migrate, else stop the VM (or delete a VMI no VM owns)', () => {
  assert.deepEqual(planDrainStep(vmi({ strategy: 'LiveMigrateIfPossible' }), { migrations: [] }), { kind: 'migrate' });
  assert.deepEqual(planDrainStep(vmi({ strategy: 'LiveMigrateIfPossible', migratable: false }), { migrations: [] }), { kind: 'stop-vm', vm: 'vm1' });
  assert.deepEqual(planDrainStep(vmi({ strategy: 'LiveMigrateIfPossible', migratable: false, owned: false }), { migrations: [] }), { kind: 'delete-vmi' });
});

test('None stops; External stays; the cluster default applies through HyperConverged', () => {
  assert.deepEqual(planDrainStep(vmi({ strategy: 'None' }), { migrations: [] }), { kind: 'stop-vm', vm: 'vm1' });
  assert.deepEqual(planDrainStep(vmi({ strategy: 'None', owned: false }), { migrations: [] }), { kind: 'delete-vmi' });
  assert.equal(planDrainStep(vmi({ strategy: 'External' }), { migrations: [] }).kind, 'leave');
  assert.deepEqual(planDrainStep(vmi(), { hco: hco('None'), migrations: [] }), { kind: 'stop-vm', vm: 'vm1' });
  assert.equal(planDrainStep(vmi(), { hco: hco('External'), migrations: [] }).kind, 'leave');
});

test('an unfinished migration is waited for, not duplicated; finished ones do not count', () => {
  assert.deepEqual(planDrainStep(vmi(), { migrations: [vmim('m1', 'Running')] }), { kind: 'await-migration', migration: 'm1' });
  assert.deepEqual(planDrainStep(vmi(), { migrations: [vmim('m0')] }), { kind: 'await-migration', migration: 'm0' });
  assert.deepEqual(planDrainStep(vmi(), { migrations: [vmim('m1', 'Failed'), vmim('m2', 'Succeeded')] }), { kind: 'migrate' });
});

test('after the drain\'s own migration succeeded, the VMI still listed on the node is waited for', () => {
  const ok = vmim('m1', 'Succeeded');
  assert.deepEqual(planDrainStep(vmi(), { migrations: [ok], attempts: [ok] }), { kind: 'await-migration', migration: 'm1' });
});

test('failed attempts are retried up to the limit, then refused with the last reason', () => {
  const failed = Array.from({ length: MAX_MIGRATION_ATTEMPTS }, (_, i) => vmim(`m${i}`, 'Failed', `target died ${i}`));
  assert.deepEqual(planDrainStep(vmi(), { migrations: failed, attempts: failed.slice(0, -1) }), { kind: 'migrate' });
  assert.deepEqual(planDrainStep(vmi(), { migrations: failed, attempts: failed }), {
    kind: 'refuse',
    reason: `${MAX_MIGRATION_ATTEMPTS} migrations failed, the last: target died ${MAX_MIGRATION_ATTEMPTS - 1}`,
  });
});

test('VMIs being deleted are waited for; ones not running are deleted whatever the strategy', () => {
  assert.deepEqual(planDrainStep(vmi({ deleting: true }), { migrations: [] }), { kind: 'await-deletion' });
  for (const phase of ['Pending', 'Scheduled', 'Failed', 'Succeeded']) {
    assert.deepEqual(planDrainStep(vmi({ phase, strategy: 'LiveMigrate' }), { migrations: [] }), { kind: 'delete-vmi' }, phase);
  }
});
