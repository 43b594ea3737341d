import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeKind, nodeRoles, nodeStatus, type Node } from './node.ts';
import { admit, brief, schemaErrors } from './testing.ts';

function node01(): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node01', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' } },
    spec: { taints: [{ key: 'key', value: 'virtualization', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '8', memory: '32Gi', 'devices.kubevirt.io/kvm': '1k' },
      allocatable: { cpu: '8', memory: '31Gi' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-01-01T00:00:00Z' }],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'node01' }],
      nodeInfo: { kubeletVersion: 'v1.30.0-vireo', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0' },
    },
  };
}

test('a registered node is valid', async () => {
  const n = node01();
  assert.deepEqual(schemaErrors(nodeKind.schema, n), []);
  assert.deepEqual(await admit(nodeKind, n), []);
});

test('duplicate taints and bad quantities are refused', async () => {
  const n = node01();
  n.spec!.taints!.push({ key: 'key', value: 'other', effect: 'NoSchedule' });
  n.status!.capacity!.memory = 'lots';
  assert.deepEqual(brief(await admit(nodeKind, n)), [
    { field: 'spec.taints[1]', message: 'Duplicate value: taints must be unique by key and effect pair' },
    { field: 'status.capacity[memory]', message: 'Invalid value: "lots": must be a quantity such as 1Gi, 512Mi, 500m or 2' },
  ]);
});

test('STATUS from the Ready condition and cordon; ROLES from labels', () => {
  const n = node01();
  assert.equal(nodeStatus(n), 'Ready');
  n.status!.conditions![0].status = 'Unknown';
  n.spec!.unschedulable = true;
  assert.equal(nodeStatus(n), 'NotReady,SchedulingDisabled');
  delete n.status!.conditions;
  assert.equal(nodeStatus(n), 'Unknown,SchedulingDisabled');
  assert.equal(nodeRoles(n), 'control-plane,worker');
  n.metadata.labels = {};
  assert.equal(nodeRoles(n), '<none>');
});

test('wide columns read addresses and nodeInfo', () => {
  const cells = Object.fromEntries(nodeKind.printerColumns.map((c) => [c.name, c.value?.(node01())]));
  assert.equal(cells['Internal-IP'], '192.168.1.10');
  assert.equal(cells['External-IP'], '<none>');
  assert.equal(cells['OS-Image'], 'Debian GNU/Linux 12');
  assert.equal(cells.Version, 'v1.30.0-vireo');
});
