import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectWorkloads, podAffinityMismatch, preferredPodAffinityScore, Topology } from './pod-affinity.ts';
import { REASON } from './reasons.ts';
import { node, pod, vmi } from './testing.ts';
import type { FilterOptions } from './types.ts';

const nodes = [node('n1', { labels: { zone: 'z1' } }), node('n2', { labels: { zone: 'z1' } }), node('n3', { labels: { zone: 'z2' } }), node('bare')];
delete nodes[3]!.metadata.labels!['kubernetes.io/hostname'];
const topo = new Topology(nodes);
const [n1, n2, n3, bare] = nodes as [never, never, never, never];
const HOST = 'kubernetes.io/hostname';
const term = (labels: Record<string, string>, topologyKey = HOST, extra: object = {}) => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const withAffinity = (affinity: object, o: { ns?: string; labels?: Record<string, string> } = {}) => vmi('new', { ...o, spec: { affinity: affinity as never } });
const opts: FilterOptions = {};

test('bound VMIs count as running workloads; their launcher pods do not count twice; finished ones do not count', () => {
  const bound = vmi('a', { nodeName: 'n1', phase: 'Scheduled', labels: { app: 'db' } });
  const launcher = pod('virt-launcher-a-x', 'n1', { app: 'db', 'kubevirt.io/created-by': 'uid-a' });
  const other = pod('web', 'n2', { app: 'web' });
  const done = pod('old', 'n2', { app: 'web' }, { phase: 'Succeeded' });
  const ws = collectWorkloads([launcher, other, done], [bound, vmi('pending'), vmi('gone', { nodeName: 'n3', phase: 'Failed' })]);
  assert.deepEqual(ws.map((w) => w.nodeName).sort(), ['n1', 'n2']);
  // The VMI being scheduled is not a workload of its own.
  assert.equal(collectWorkloads([launcher], [bound], 'uid-a').length, 0);
});

test('required anti-affinity keeps a VMI off a node (or zone) with a matching workload', () => {
  const ws = collectWorkloads([], [vmi('a', { nodeName: 'n1', phase: 'Scheduled', labels: { app: 'db' } })]);
  const anti = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } });
  assert.equal(podAffinityMismatch(anti, n1, ws, topo, opts), REASON.podAntiAffinity);
  assert.equal(podAffinityMismatch(anti, n2, ws, topo, opts), undefined);
  const zoneAnti = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, 'zone')] } });
  assert.equal(podAffinityMismatch(zoneAnti, n2, ws, topo, opts), REASON.podAntiAffinity);
  assert.equal(podAffinityMismatch(zoneAnti, n3, ws, topo, opts), undefined);
  assert.equal(podAffinityMismatch(zoneAnti, bare, ws, topo, opts), undefined, 'a node without the topology key is no domain');
});

test('required affinity needs a matching workload in the domain (the seed example)', () => {
  const ws = collectWorkloads([pod('p', 'n2', { 'example-key-1': 'example-value-1' })], []);
  const aff = withAffinity({
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'example-key-1', operator: 'In', values: ['example-value-1'] }] }, topologyKey: HOST }] },
  });
  assert.equal(podAffinityMismatch(aff, n2, ws, topo, opts), undefined);
  assert.equal(podAffinityMismatch(aff, n1, ws, topo, opts), REASON.podAffinity);
  assert.equal(podAffinityMismatch(aff, n1, [], topo, opts), REASON.podAffinity, 'no such pod anywhere and the VMI does not match itself');
  const self = withAffinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'chatty' })] } }, { labels: { app: 'chatty' } });
  assert.equal(podAffinityMismatch(self, n1, [], topo, opts), undefined, 'the first of a group that wants to be together goes anywhere');
  assert.equal(podAffinityMismatch(self, bare, [], topo, opts), REASON.podAffinity, 'but only where the topology key exists');
});

test('terms select the VMI\'s namespace by default; namespaces and namespaceSelector widen it', () => {
  const ws = collectWorkloads([pod('p', 'n1', { app: 'db' }, { ns: 'prod' })], []);
  const byDefault = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } });
  assert.equal(podAffinityMismatch(byDefault, n1, ws, topo, opts), undefined);
  const listed = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, HOST, { namespaces: ['prod'] })] } });
  assert.equal(podAffinityMismatch(listed, n1, ws, topo, opts), REASON.podAntiAffinity);
  const sel = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, HOST, { namespaceSelector: { matchLabels: { env: 'prod' } } })] } });
  assert.equal(podAffinityMismatch(sel, n1, ws, topo, { namespaceLabels: new Map([['prod', { env: 'prod' }]]) }), REASON.podAntiAffinity);
  assert.equal(podAffinityMismatch(sel, n1, ws, topo, { namespaceLabels: new Map([['prod', { env: 'dev' }]]) }), undefined);
  const all = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, HOST, { namespaceSelector: {} })] } });
  assert.equal(podAffinityMismatch(all, n1, ws, topo, opts), REASON.podAntiAffinity, 'an empty namespaceSelector selects every namespace');
  const nilSelector = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, namespaces: ['prod'] }] } });
  assert.equal(podAffinityMismatch(nilSelector, n1, ws, topo, opts), undefined, 'no labelSelector selects nothing');
});

test('a running VMI\'s own anti-affinity keeps matching newcomers away', () => {
  const guard = vmi('guard', { nodeName: 'n1', phase: 'Running', spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'noisy' })] } } } });
  const ws = collectWorkloads([], [guard]);
  assert.equal(podAffinityMismatch(vmi('new', { labels: { app: 'noisy' } }), n1, ws, topo, opts), REASON.existingAntiAffinity);
  assert.equal(podAffinityMismatch(vmi('new', { labels: { app: 'quiet' } }), n1, ws, topo, opts), undefined);
  assert.equal(podAffinityMismatch(vmi('new', { labels: { app: 'noisy' } }), n2, ws, topo, opts), undefined);
});

test('preferred terms add weight per matching workload in the domain, anti-affinity subtracts', () => {
  const ws = collectWorkloads([pod('a', 'n1', { app: 'db' }), pod('b', 'n1', { app: 'db' }), pod('c', 'n3', { app: 'cache' })], []);
  const v = withAffinity({
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'db' }) }] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term({ app: 'cache' }, 'zone') }] },
  });
  assert.equal(preferredPodAffinityScore(v, n1, ws, topo, opts), 20);
  assert.equal(preferredPodAffinityScore(v, n2, ws, topo, opts), 0);
  assert.equal(preferredPodAffinityScore(v, n3, ws, topo, opts), -100);
});
