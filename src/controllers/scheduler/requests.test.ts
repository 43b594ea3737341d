import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insufficientResources, nodeAllocatable, usageByNode, vmiRequests, VM_MEMORY_OVERHEAD } from './requests.ts';
import { Gi, Mi, node, vmi } from './testing.ts';

test('memory: requests, else guest memory, else limits — plus the per-VM overhead', () => {
  assert.equal(vmiRequests(vmi('a', { memory: '1Gi' })).get('memory'), Gi + VM_MEMORY_OVERHEAD);
  const guest = vmi('b', { spec: { domain: { devices: {}, memory: { guest: '2Gi' }, resources: {} } } });
  assert.equal(vmiRequests(guest).get('memory'), 2 * Gi + 64 * Mi);
  const both = vmi('c', { spec: { domain: { devices: {}, memory: { guest: '2Gi' }, resources: { requests: { memory: '512Mi' } } } } });
  assert.equal(vmiRequests(both).get('memory'), 512 * Mi + 64 * Mi);
  const limits = vmi('d', { spec: { domain: { devices: {}, resources: { limits: { memory: '3Gi' } } } } });
  assert.equal(vmiRequests(limits).get('memory'), 3 * Gi + 64 * Mi);
  const noOverhead = vmi('e', { spec: { domain: { devices: {}, resources: { requests: { memory: '1Gi' }, overcommitGuestOverhead: true } } } });
  assert.equal(vmiRequests(noOverhead).get('memory'), Gi);
});

test('cpu: requests.cpu wins; otherwise 100m per vCPU (sockets×cores×threads); dedicated CPUs are whole', () => {
  assert.equal(vmiRequests(vmi('a')).get('cpu'), 0.1);
  const topo = vmi('b', { spec: { domain: { devices: {}, cpu: { sockets: 2, cores: 2, threads: 2 }, resources: {} } } });
  assert.ok(Math.abs(vmiRequests(topo).get('cpu')! - 0.8) < 1e-9);
  const req = vmi('c', { spec: { domain: { devices: {}, cpu: { cores: 8 }, resources: { requests: { cpu: '1500m' } } } } });
  assert.equal(vmiRequests(req).get('cpu'), 1.5);
  const lim = vmi('d', { spec: { domain: { devices: {}, resources: { limits: { cpu: '2' } } } } });
  assert.equal(vmiRequests(lim).get('cpu'), 2);
  const dedicated = vmi('e', { spec: { domain: { devices: {}, cpu: { cores: 3, dedicatedCpuPlacement: true }, resources: {} } } });
  assert.equal(vmiRequests(dedicated).get('cpu'), 3);
});

test('extended resources in requests (or limits) are requested too', () => {
  // The schema's static type names only cpu and memory; manifests may carry any resource name.
  const requests = { memory: '1Gi', 'devices.kubevirt.io/kvm': '1' } as { memory: string };
  const limits = { 'nvidia.com/gpu': 2 } as { cpu?: string };
  const v = vmi('a', { spec: { domain: { devices: {}, resources: { requests, limits } } } });
  const r = vmiRequests(v);
  assert.equal(r.get('devices.kubevirt.io/kvm'), 1);
  assert.equal(r.get('nvidia.com/gpu'), 2);
});

test('allocatable falls back to capacity per resource', () => {
  const n = node('n', { cpu: '2', memory: '4Gi' });
  n.status!.capacity = { cpu: '8', 'devices.kubevirt.io/kvm': '1k' };
  const a = nodeAllocatable(n);
  assert.equal(a.get('cpu'), 2);
  assert.equal(a.get('memory'), 4 * Gi);
  assert.equal(a.get('devices.kubevirt.io/kvm'), 1000);
});

test('usage counts bound VMIs that have not finished', () => {
  const u = usageByNode([
    vmi('a', { nodeName: 'n1', phase: 'Running' }),
    vmi('b', { nodeName: 'n1', phase: 'Scheduled' }),
    vmi('c', { nodeName: 'n1', phase: 'Succeeded' }),
    vmi('d', { nodeName: 'n1', phase: 'Failed' }),
    vmi('e'),
  ]);
  assert.equal(u.get('n1')!.get('memory'), 2 * (Gi + VM_MEMORY_OVERHEAD));
  assert.deepEqual([...u.keys()], ['n1']);
});

test('insufficientResources names every short resource, sorted, and tolerates decimal rounding', () => {
  const alloc = new Map([['cpu', 0.3], ['memory', 100]]);
  assert.deepEqual(insufficientResources(new Map([['memory', 101], ['cpu', 1]]), alloc, undefined), ['cpu', 'memory']);
  assert.deepEqual(insufficientResources(new Map([['cpu', 0.1]]), alloc, new Map([['cpu', 0.1 + 0.1]])), []);
  assert.deepEqual(insufficientResources(new Map([['memory', 50]]), alloc, new Map([['memory', 51]])), ['memory']);
  assert.deepEqual(insufficientResources(new Map([['x/gpu', 1]]), alloc, undefined), ['x/gpu']);
});
