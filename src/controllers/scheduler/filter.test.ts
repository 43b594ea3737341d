import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterNodes } from './filter.ts';
import { REASON } from './reasons.ts';
import { node, pod, vmi } from './testing.ts';
import { SelectorError } from '../../machinery/selectors.ts';

const reasonsOf = (verdicts: { node: string; reasons: string[] }[]) => Object.fromEntries(verdicts.map((v) => [v.node, v.reasons]));

test('cordoned, not Ready and kubevirt.io/schedulable=false nodes are not candidates', () => {
  const nodes = [
    node('ok'),
    node('cordoned', { unschedulable: true }),
    node('down', { ready: 'False' }),
    node('lost', { ready: 'none' }),
    node('off', { labels: { 'kubevirt.io/schedulable': 'false' } }),
  ];
  assert.deepEqual(reasonsOf(filterNodes(vmi('v'), nodes, [], [])), {
    ok: [],
    cordoned: [REASON.unschedulable],
    down: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    lost: ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }'],
    off: [REASON.nodeSelector],
  });
  const tolerant = vmi('t', { spec: { tolerations: [{ operator: 'Exists' }] } });
  assert.deepEqual(reasonsOf(filterNodes(tolerant, nodes, [], [])).cordoned, [], 'tolerating everything includes the unschedulable taint');
});

test('taints need a toleration (seed example), NoSchedule and NoExecute alike; PreferNoSchedule does not filter', () => {
  const nodes = [
    node('virt', { taints: [{ key: 'key', value: 'virtualization', effect: 'NoSchedule' }] }),
    node('evict', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }),
    node('soft', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
  ];
  assert.deepEqual(reasonsOf(filterNodes(vmi('v'), nodes, [], [])), {
    virt: ['node(s) had untolerated taint {key: virtualization}'],
    evict: ['node(s) had untolerated taint {dedicated: db}'],
    soft: [],
  });
  const tol = vmi('t', { spec: { tolerations: [{ key: 'key', operator: 'Equal', value: 'virtualization', effect: 'NoSchedule' }] } });
  assert.deepEqual(reasonsOf(filterNodes(tol, nodes, [], [])).virt, []);
});

test('resources: every short resource is named, and bound unfinished VMIs use the node', () => {
  const nodes = [node('small', { cpu: '100m', memory: '512Mi' }), node('big', { cpu: '2', memory: '2Gi' })];
  assert.deepEqual(reasonsOf(filterNodes(vmi('v', { memory: '1Gi', spec: { domain: { devices: {}, cpu: { cores: 2 } } } }), nodes, [], [])), {
    small: ['Insufficient cpu', 'Insufficient memory'],
    big: [],
  });
  const running = vmi('r', { memory: '1Gi', nodeName: 'big', phase: 'Running' });
  assert.deepEqual(reasonsOf(filterNodes(vmi('v', { memory: '1Gi' }), nodes, [], [running])).big, ['Insufficient memory']);
  const finished = vmi('r', { memory: '1Gi', nodeName: 'big', phase: 'Succeeded' });
  assert.deepEqual(reasonsOf(filterNodes(vmi('v', { memory: '1Gi' }), nodes, [], [finished])).big, []);
});

test('node selector and affinity, CPU model and pod anti-affinity each rule nodes out', () => {
  const nodes = [node('a', { labels: { disk: 'ssd', 'cpu-model.node.kubevirt.io/EPYC': 'true' } }), node('b', { labels: { disk: 'ssd' } }), node('c')];
  const v = vmi('v', {
    labels: { app: 'db' },
    spec: {
      nodeSelector: { disk: 'ssd' },
      domain: { devices: {}, cpu: { model: 'EPYC' } },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    },
  });
  assert.deepEqual(reasonsOf(filterNodes(v, nodes, [], [])), { a: [], b: [REASON.cpuModel], c: [REASON.nodeSelector] });
  assert.deepEqual(reasonsOf(filterNodes(v, nodes, [pod('p', 'a', { app: 'db' })], [])).a, [REASON.podAntiAffinity]);
  assert.deepEqual(reasonsOf(filterNodes(v, nodes, [], [], { defaultCPUModel: 'Conroe' })).a, [], "the VMI's model beats the default");
});

test('an invalid selector on the VMI throws SelectorError', () => {
  const bad = vmi('v', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Gt', values: ['a'] }] }] } } } } });
  assert.throws(() => filterNodes(bad, [node('a')], [], []), SelectorError);
});
