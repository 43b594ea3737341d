import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { sortRows, vmRows } from './rows.ts';

const vm = (ns: string, name: string, status: string, created: string): VirtualMachine => ({
  metadata: { namespace: ns, name, creationTimestamp: created },
  status: { printableStatus: status, conditions: [{ type: 'Ready', status: status === 'Running' ? 'True' : 'False' }] },
});
const vmi: VirtualMachineInstance = {
  metadata: { namespace: 'b', name: 'web' },
  status: { nodeName: 'node-1', interfaces: [{ name: 'default', ipAddress: '10.0.0.7' }] },
};

const rows = vmRows(
  [vm('b', 'web', 'Running', '2026-01-02T00:00:00Z'), vm('a', 'db10', 'Stopped', '2026-01-03T00:00:00Z'), vm('a', 'db9', 'Paused', '2026-01-01T00:00:00Z')],
  [vmi],
);

test('rows join the VMI: node, IP, true conditions', () => {
  const web = rows.find((r) => r.name === 'web')!;
  assert.deepEqual(web, {
    name: 'web', namespace: 'b', status: 'Running', conditions: ['Ready'], node: 'node-1', ip: '10.0.0.7', created: '2026-01-02T00:00:00Z',
    cpu: 1, memory: '', memoryBytes: 0, os: '', labels: {},
  });
  const db = rows.find((r) => r.name === 'db9')!;
  assert.equal(db.node, '');
  assert.deepEqual(db.conditions, []);
});

test('sort by name is natural (db9 before db10), both directions', () => {
  assert.deepEqual(sortRows(rows, 'name', 'asc').map((r) => r.name), ['db9', 'db10', 'web']);
  assert.deepEqual(sortRows(rows, 'name', 'desc').map((r) => r.name), ['web', 'db10', 'db9']);
});

test('sort by created, status and node; ties by namespace/name', () => {
  assert.deepEqual(sortRows(rows, 'created', 'asc').map((r) => r.name), ['db9', 'web', 'db10']);
  assert.deepEqual(sortRows(rows, 'status', 'asc').map((r) => r.status), ['Paused', 'Running', 'Stopped']);
  assert.deepEqual(sortRows(rows, 'node', 'asc').map((r) => r.name), ['db9', 'db10', 'web'], 'ties in natural name order too');
});

test('sorting copies', () => {
  const before = rows.map((r) => r.name);
  sortRows(rows, 'name', 'desc');
  assert.deepEqual(rows.map((r) => r.name), before);
});

test('a migrating VM shows its progress; others carry none', () => {
  const moving: VirtualMachine = { ...vm('b', 'mover', 'Migrating', '2026-01-04T00:00:00Z') };
  const movingVmi: VirtualMachineInstance = {
    metadata: { namespace: 'b', name: 'mover' },
    status: { nodeName: 'node-1', migrationState: { startTimestamp: '2026-01-04T00:00:01Z', dataTotalBytes: 400, dataRemainingBytes: 100 } },
  };
  const [r] = vmRows([moving], [movingVmi]);
  assert.equal(r!.progress, 75);
  assert.equal('progress' in rows.find((x) => x.name === 'web')!, false);
});

test('CPU and memory from the template (memory.guest, else the request); OS from the agent, else the template', () => {
  const big: VirtualMachine = {
    metadata: { namespace: 'a', name: 'big', labels: { 'os.template.kubevirt.io/rhel9': 'true' } },
    spec: { template: { spec: { domain: { cpu: { sockets: 2, cores: 2, threads: 2 }, memory: { guest: '4Gi' } } } } },
  };
  const small: VirtualMachine = { metadata: { namespace: 'a', name: 'small' }, spec: { template: { spec: { domain: { resources: { requests: { memory: '512Mi' } } } } } } };
  const agent: VirtualMachineInstance = { metadata: { namespace: 'a', name: 'small' }, status: { guestOSInfo: { id: 'fedora', name: 'Fedora Linux' } } };
  const [b, s] = vmRows([big, small], [agent]);
  assert.deepEqual([b!.cpu, b!.memory, b!.memoryBytes, b!.os], [8, '4Gi', 4 * 2 ** 30, 'rhel9']);
  assert.deepEqual([s!.cpu, s!.memory, s!.memoryBytes, s!.os], [1, '512Mi', 512 * 2 ** 20, 'fedora']);
  assert.deepEqual(sortRows([b!, s!], 'memory', 'asc').map((r) => r.name), ['small', 'big']);
  assert.deepEqual(sortRows([s!, b!], 'cpu', 'desc').map((r) => r.name), ['big', 'small']);
});
