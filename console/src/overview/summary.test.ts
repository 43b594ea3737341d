import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import { countByStatus, domainRequests, formatBytes, runningMigrations, runningUsage, statusBucket, topConsumers } from './summary.ts';

const vm = (name: string, printableStatus?: string): VirtualMachine => ({ metadata: { name, namespace: 'ns' }, status: printableStatus ? { printableStatus } : undefined });

function vmi(name: string, o: { ns?: string; phase?: string; cpu?: { sockets?: number; cores?: number; threads?: number }; guest?: string; request?: string; deleting?: boolean } = {}): VirtualMachineInstance {
  return {
    metadata: { name, namespace: o.ns ?? 'ns', ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { domain: { cpu: o.cpu, ...(o.guest ? { memory: { guest: o.guest } } : {}), ...(o.request ? { resources: { requests: { memory: o.request } } } : {}) } },
    status: { phase: o.phase ?? 'Running' },
  };
}

test('statuses fall into the Overview buckets', () => {
  assert.equal(statusBucket('Running'), 'running');
  assert.equal(statusBucket('Stopped'), 'stopped');
  assert.equal(statusBucket('Paused'), 'paused');
  assert.equal(statusBucket('Migrating'), 'migrating');
  for (const s of ['CrashLoopBackOff', 'ErrorUnschedulable', 'ErrImagePull', 'Failed', 'ErrorSomethingNew', 'DataVolumeError']) assert.equal(statusBucket(s), 'error', s);
  for (const s of ['Provisioning', 'Starting', 'Stopping', 'Terminating', 'WaitingForVolumeBinding', 'Unknown']) assert.equal(statusBucket(s), 'other', s);
});

test('VMs counted by status; one without a status is Stopped', () => {
  const vms = [vm('a', 'Running'), vm('b', 'Running'), vm('c'), vm('d', 'Stopped'), vm('e', 'CrashLoopBackOff'), vm('f', 'ErrorUnschedulable'), vm('g', 'Migrating'), vm('h', 'Paused'), vm('i', 'Starting')];
  assert.deepEqual(countByStatus(vms), { running: 2, stopped: 2, error: 2, migrating: 1, paused: 1, other: 1 });
  assert.deepEqual(countByStatus([]), { running: 0, stopped: 0, error: 0, migrating: 0, paused: 0, other: 0 });
});

test('requests of a domain: sockets × cores × threads; guest memory before the request', () => {
  assert.deepEqual(domainRequests(undefined), { vcpus: 1, memoryBytes: 0 });
  assert.deepEqual(domainRequests({ cpu: { sockets: 2, cores: 3, threads: 2 } }), { vcpus: 12, memoryBytes: 0 });
  assert.deepEqual(domainRequests({ cpu: { cores: 4 }, resources: { requests: { memory: '2Gi' } } }), { vcpus: 4, memoryBytes: 2 * 2 ** 30 });
  assert.deepEqual(domainRequests({ memory: { guest: '1Gi' }, resources: { requests: { memory: '2Gi' } } }), { vcpus: 1, memoryBytes: 2 ** 30 });
  assert.deepEqual(domainRequests({ resources: { requests: { memory: 'lots' } } }), { vcpus: 1, memoryBytes: 0 });
});

test('usage sums only running VMIs', () => {
  const vmis = [
    vmi('a', { cpu: { cores: 2 }, request: '1Gi' }),
    vmi('b', { cpu: { sockets: 2, cores: 2 }, guest: '512Mi' }),
    vmi('c', { phase: 'Scheduling', cpu: { cores: 8 }, request: '8Gi' }),
    vmi('d', { deleting: true, cpu: { cores: 8 }, request: '8Gi' }),
  ];
  assert.deepEqual(runningUsage(vmis), { running: 2, vcpus: 6, memoryBytes: 1.5 * 2 ** 30 });
  assert.deepEqual(runningUsage([]), { running: 0, vcpus: 0, memoryBytes: 0 });
});

test('top consumers: largest first, five at most, ties by namespace and name', () => {
  const vmis = [
    vmi('m1', { request: '1Gi', cpu: { cores: 1 } }),
    vmi('m4', { request: '4Gi', cpu: { cores: 2 } }),
    vmi('m2b', { request: '2Gi', cpu: { cores: 8 } }),
    vmi('m2a', { request: '2Gi', cpu: { cores: 3 } }),
    vmi('m3', { request: '3Gi', ns: 'zz', cpu: { cores: 3 } }),
    vmi('m5', { request: '5Gi' }),
    vmi('big', { phase: 'Pending', request: '64Gi', cpu: { cores: 64 } }),
  ];
  assert.deepEqual(topConsumers(vmis, 'memoryBytes').map((c) => c.name), ['m5', 'm4', 'm3', 'm2a', 'm2b']);
  assert.deepEqual(topConsumers(vmis, 'vcpus').map((c) => `${c.namespace}/${c.name}=${c.value}`), ['ns/m2b=8', 'ns/m2a=3', 'zz/m3=3', 'ns/m4=2', 'ns/m1=1']);
  assert.equal(topConsumers(vmis, 'vcpus', 2).length, 2);
});

test('running migrations: unfinished ones with nodes and progress from the VMI', () => {
  const mig = (name: string, vmiName: string, phase: string | undefined, created: string, uid: string): VirtualMachineInstanceMigration => ({
    metadata: { name, namespace: 'ns', uid, creationTimestamp: created },
    spec: { vmiName },
    status: phase ? { phase } : undefined,
  });
  const moving = vmi('web');
  moving.status!.migrationState = { migrationUid: 'u2', sourceNode: 'n1', targetNode: 'n2', dataTotalBytes: 1000, dataRemainingBytes: 600 };
  const list = runningMigrations(
    [mig('done', 'web', 'Succeeded', '2026-01-01T00:00:00Z', 'u1'), mig('web-mig', 'web', 'Running', '2026-01-01T00:00:02Z', 'u2'), mig('db-mig', 'db', undefined, '2026-01-01T00:00:01Z', 'u3')],
    [moving, vmi('db')],
  );
  assert.deepEqual(list, [
    { name: 'db-mig', namespace: 'ns', vmName: 'db', phase: 'Pending', sourceNode: undefined, targetNode: undefined, progress: 0 },
    { name: 'web-mig', namespace: 'ns', vmName: 'web', phase: 'Running', sourceNode: 'n1', targetNode: 'n2', progress: 40 },
  ]);
  assert.deepEqual(runningMigrations([mig('x', 'web', 'Failed', '', 'u9')], [moving]), []);
});

test('bytes in the largest binary unit', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(512 * 2 ** 20), '512 MiB');
  assert.equal(formatBytes(1.5 * 2 ** 30), '1.5 GiB');
  assert.equal(formatBytes(2 ** 40), '1 TiB');
});
