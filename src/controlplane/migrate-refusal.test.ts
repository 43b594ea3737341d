import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { VM_NOT_RUNNING, migrateRefusal } from './migrate-refusal.ts';
import { migrationFor, parseMigrateOptions } from './vm-migrate.ts';
import { ApiError } from '../apiserver/status.ts';

const vmi = (phase: string, migratable?: { status: 'True' | 'False'; message?: string }, deleting = false): VirtualMachineInstance => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: 'vm1', namespace: 'ns', ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  status: { phase, conditions: migratable ? [{ type: 'LiveMigratable', reason: 'DisksNotLiveMigratable', ...migratable }] : [] },
});

const vmim = (name: string, vmiName: string, phase?: string): VirtualMachineInstanceMigration => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name, namespace: 'ns' },
  spec: { vmiName },
  ...(phase ? { status: { phase } } : {}),
});

test('a VM without a Running VMI is not running', () => {
  assert.equal(migrateRefusal(undefined, []), VM_NOT_RUNNING);
  assert.equal(migrateRefusal(vmi('Scheduled'), []), VM_NOT_RUNNING);
  assert.equal(migrateRefusal(vmi('Running', undefined, true), []), VM_NOT_RUNNING);
});

test('LiveMigratable=False refuses with the condition\'s message', () => {
  assert.equal(migrateRefusal(vmi('Running', { status: 'False', message: 'volume "d" is a hostDisk' }), []), 'volume "d" is a hostDisk');
  assert.equal(migrateRefusal(vmi('Running', { status: 'False' }), []), 'DisksNotLiveMigratable', 'the reason when there is no message');
  assert.equal(migrateRefusal(vmi('Running', { status: 'True' }), []), undefined);
  assert.equal(migrateRefusal(vmi('Running'), []), undefined, 'no condition yet: allowed');
});

test('an unfinished migration of the same VMI refuses; finished ones and other VMIs\' do not', () => {
  const running = vmi('Running', { status: 'True' });
  assert.equal(migrateRefusal(running, [vmim('a', 'vm1', 'Succeeded'), vmim('b', 'vm1', 'Failed'), vmim('c', 'other', 'Running')]), undefined);
  assert.match(migrateRefusal(running, [vmim('a', 'vm1', 'Succeeded'), vmim('d', 'vm1')]) ?? '', /in-flight migration detected: migration d \(phase Pending\) of VMI vm1/);
  assert.match(migrateRefusal(running, [vmim('e', 'vm1', 'Running')]) ?? '', /migration e \(phase Running\)/);
});

test('MigrateOptions: empty, addedNodeSelector, dryRun, and malformed bodies', () => {
  assert.deepEqual(parseMigrateOptions(''), { dryRun: false });
  assert.deepEqual(parseMigrateOptions('{"kind":"MigrateOptions","addedNodeSelector":{"kubernetes.io/hostname":"n2"}}'), {
    addedNodeSelector: { 'kubernetes.io/hostname': 'n2' },
    dryRun: false,
  });
  assert.deepEqual(parseMigrateOptions('{"dryRun":["All"]}'), { dryRun: true });
  for (const bad of ['{', '[]', '{"addedNodeSelector":{"a":1}}', '{"addedNodeSelector":["a"]}', '{"dryRun":["Some"]}']) {
    assert.throws(() => parseMigrateOptions(bad), (e: unknown) => e instanceof ApiError && e.code === 400, bad);
  }
});

test('the migration created names the VMI and carries the added selector', () => {
  assert.deepEqual(migrationFor('vm1', 'ns', { dryRun: false, addedNodeSelector: { zone: 'b' } }), {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstanceMigration',
    metadata: { generateName: 'vm1-migration-', namespace: 'ns' },
    spec: { vmiName: 'vm1', addedNodeSelector: { zone: 'b' } },
  });
});
