import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Condition, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import { actionEnabled, migrateBlocker, vmActions, type VmActionId, type VmActionInput } from './actions.ts';

const power = (status: string) => vmActions({ namespace: 'ns', name: 'vm', status }).filter((a) => a.group === 'power' && a.enabled).map((a) => a.id);

test('the lab: Start is greyed while running; Stop, Restart, Pause enabled', () => {
  assert.deepEqual(power('Running'), ['stop', 'restart', 'pause']);
});

test('the lab: stopped → only Start (Restart and Pause greyed)', () => {
  assert.deepEqual(power('Stopped'), ['start']);
});

test('the lab: Unpause only when paused', () => {
  assert.deepEqual(power('Paused'), ['stop', 'restart', 'unpause']);
  for (const s of ['Running', 'Stopped', 'Starting', 'Migrating']) assert.equal(actionEnabled('unpause', s), false, s);
});

test('in-between states offer no Start and no Pause', () => {
  for (const s of ['Starting', 'Stopping', 'Terminating', 'Provisioning']) {
    assert.equal(actionEnabled('start', s), false, s);
    assert.equal(actionEnabled('pause', s), false, s);
  }
  assert.equal(actionEnabled('stop', 'Stopping'), false);
  assert.equal(actionEnabled('stop', 'Starting'), true);
  assert.equal(actionEnabled('stop', 'CrashLoopBackOff'), true);
});

test('VM actions go to virtualmachines, pause/unpause to virtualmachineinstances, cancel deletes the migration', () => {
  const byId = new Map(vmActions({ namespace: 'my-ns', name: 'fedora01', status: 'Migrating', vmi: vmi(), migrations: [vmim('fedora01-migration-abcde', 'Running')], vm: { metadata: { namespace: 'my-ns', name: 'fedora01' } } }).map((a) => [a.id, `${a.method} ${a.path}`]));
  const want: Record<VmActionId, string> = {
    start: 'PUT /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/start',
    stop: 'PUT /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/stop',
    restart: 'PUT /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/restart',
    pause: 'PUT /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachineinstances/fedora01/pause',
    unpause: 'PUT /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachineinstances/fedora01/unpause',
    migrate: 'DIALOG /apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/migrate',
    cancelMigration: 'DELETE /apis/kubevirt.io/v1/namespaces/my-ns/virtualmachineinstancemigrations/fedora01-migration-abcde',
    takeSnapshot: 'DIALOG /apis/snapshot.kubevirt.io/v1beta1/namespaces/my-ns/virtualmachinesnapshots',
    clone: 'DIALOG /apis/snapshot.kubevirt.io/v1beta1/namespaces/my-ns/virtualmachinesnapshots',
    editLabels: 'DIALOG /apis/kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01',
    editAnnotations: 'DIALOG /apis/kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01',
    copySsh: 'DIALOG ',
    delete: 'DIALOG /apis/kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01',
  };
  assert.deepEqual(Object.fromEntries(byId), want);
});

function vmi(phase = 'Running', conditions: Condition[] = [{ type: 'Ready', status: 'True' }, { type: 'LiveMigratable', status: 'True' }]): VirtualMachineInstance {
  return { metadata: { namespace: 'ns', name: 'vm' }, status: { phase, nodeName: 'node1', conditions } };
}

function vmim(name: string, phase: string | undefined, deleting = false): VirtualMachineInstanceMigration {
  return { metadata: { namespace: 'ns', name, uid: `uid-${name}`, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, spec: { vmiName: 'vm' }, status: phase ? { phase } : undefined };
}

const migration = (input: Omit<VmActionInput, 'namespace' | 'name'>) => {
  const all = vmActions({ namespace: 'ns', name: 'vm', ...input });
  const pick = (id: VmActionId) => all.find((a) => a.id === id)!;
  return { migrate: pick('migrate'), cancel: pick('cancelMigration') };
};

test('Migrate: enabled for a Running VMI that is live-migratable (or says nothing about it)', () => {
  assert.equal(migration({ status: 'Running', vmi: vmi() }).migrate.enabled, true);
  assert.equal(migration({ status: 'Running', vmi: vmi('Running', []) }).migrate.enabled, true);
  // A paused guest is still a Running VMI, and the API migrates it.
  assert.equal(migration({ status: 'Paused', vmi: vmi() }).migrate.enabled, true);
  // Finished migrations do not block another.
  assert.equal(migration({ status: 'Running', vmi: vmi(), migrations: [vmim('a', 'Succeeded'), vmim('b', 'Failed')] }).migrate.enabled, true);
});

test('Migrate: greyed with the LiveMigratable condition\'s message as the reason', () => {
  const m = migration({
    status: 'Running',
    vmi: vmi('Running', [{ type: 'LiveMigratable', status: 'False', reason: 'HostDiskNotLiveMigratable', message: 'volume "data" is a hostDisk, which lives on this node only' }]),
  }).migrate;
  assert.equal(m.enabled, false);
  assert.deepEqual(m.disabledReason, { key: 'migrate.notMigratable', vars: { message: 'volume "data" is a hostDisk, which lives on this node only' } });
  // No message: the reason stands in.
  assert.deepEqual(migrateBlocker(vmi('Running', [{ type: 'LiveMigratable', status: 'False', reason: 'DisksNotLiveMigratable' }])), {
    key: 'migrate.notMigratable',
    vars: { message: 'DisksNotLiveMigratable' },
  });
});

test('Migrate: greyed when the VM is not running (stopped, starting, VMI going away)', () => {
  assert.deepEqual(migration({ status: 'Stopped' }).migrate.disabledReason, { key: 'migrate.notRunning' });
  assert.deepEqual(migrateBlocker(vmi('Scheduling')), { key: 'migrate.notRunning' });
  const leaving = vmi();
  leaving.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  assert.deepEqual(migrateBlocker(leaving), { key: 'migrate.notRunning' });
});

test('while a migration is unfinished: Migrate greyed, Cancel migration enabled', () => {
  for (const phase of [undefined, 'Pending', 'Scheduling', 'PreparingTarget', 'TargetReady', 'Running']) {
    const { migrate, cancel } = migration({ status: 'Migrating', vmi: vmi(), migrations: [vmim('done', 'Succeeded'), vmim('now', phase)] });
    assert.equal(migrate.enabled, false, phase);
    assert.deepEqual(migrate.disabledReason, { key: 'migrate.inProgress' });
    assert.equal(cancel.enabled, true, phase);
    assert.match(cancel.path, /\/virtualmachineinstancemigrations\/now$/);
  }
});

test('Cancel migration: greyed with no unfinished migration, and once it is being cancelled', () => {
  const none = migration({ status: 'Running', vmi: vmi(), migrations: [vmim('done', 'Succeeded')] }).cancel;
  assert.equal(none.enabled, false);
  assert.deepEqual(none.disabledReason, { key: 'migrate.noneInProgress' });
  assert.equal(none.path, '');
  const deleting = migration({ status: 'Migrating', vmi: vmi(), migrations: [vmim('now', 'Running', true)] }).cancel;
  assert.equal(deleting.enabled, false);
  assert.deepEqual(deleting.disabledReason, { key: 'migrate.cancelling' });
  assert.equal(migration({ status: 'Stopped' }).cancel.enabled, false);
});

test('power actions carry no reason; migration actions come after them', () => {
  const all = vmActions({ namespace: 'ns', name: 'vm', status: 'Stopped' });
  assert.deepEqual(all.map((a) => a.group), ['power', 'power', 'power', 'power', 'power', 'migration', 'migration']);
  assert.ok(all.filter((a) => a.group === 'power').every((a) => a.disabledReason === undefined));
});

test('Take snapshot: only with the VM given, after migration, enabled while running, greyed while restoring', () => {
  const vm = { metadata: { namespace: 'ns', name: 'vm' }, status: { printableStatus: 'Running' } };
  assert.equal(vmActions({ namespace: 'ns', name: 'vm', status: 'Running' }).some((a) => a.id === 'takeSnapshot'), false, 'the list has no dialog to open');
  const all = vmActions({ namespace: 'ns', name: 'vm', status: 'Running', vmi: vmi(), vm });
  const snap = all.find((a) => a.id === 'takeSnapshot')!;
  assert.deepEqual(all.map((a) => a.group).slice(-6), ['snapshot', 'other', 'other', 'other', 'other', 'delete']);
  assert.deepEqual([snap.id, snap.group, snap.method, snap.enabled], ['takeSnapshot', 'snapshot', 'DIALOG', true]);
  const restoring = vmActions({ namespace: 'ns', name: 'vm', status: 'Stopped', vm: { ...vm, status: { restoreInProgress: 'r1' } } }).find((a) => a.id === 'takeSnapshot')!;
  assert.equal(restoring.enabled, false);
  assert.deepEqual(restoring.disabledReason, { key: 'snapshot.restoreInProgress', vars: { name: 'r1' } });
});

test('Copy SSH command: enabled for a running VMI whose node forwards port 22; Delete greyed while deleting', () => {
  const vm = { metadata: { namespace: 'ns', name: 'vm' } };
  const pick = (v: VirtualMachineInstance | undefined, deleting = false) => {
    const all = vmActions({ namespace: 'ns', name: 'vm', status: 'Running', vmi: v, vm: deleting ? { metadata: { ...vm.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } } : vm });
    return { ssh: all.find((a) => a.id === 'copySsh')!, del: all.find((a) => a.id === 'delete')! };
  };
  const forwarded: VirtualMachineInstance = { ...vmi(), metadata: { namespace: 'ns', name: 'vm', annotations: { 'vireo.io/port-forwards': '{"22/TCP":40022}' } }, status: { phase: 'Running', interfaces: [{ ipAddress: '127.0.0.1' }] } };
  assert.equal(pick(forwarded).ssh.enabled, true);
  assert.deepEqual(pick(vmi()).ssh.disabledReason, { key: 'ssh.noPort' });
  assert.deepEqual(pick(undefined).ssh.disabledReason, { key: 'ssh.notRunning' });
  assert.equal(pick(undefined).del.enabled, true);
  assert.deepEqual(pick(undefined, true).del.disabledReason, { key: 'delete.deleting' });
});
