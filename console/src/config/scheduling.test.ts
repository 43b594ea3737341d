import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guarded } from './json-patch.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { affinityRuleCount, dedicatedOf, evictionOf, evictionOps, nodeSelectorOps, tolerationProblems, tolerationRows, tolerationsOps } from './scheduling.ts';
import { templateSpecOf } from './vm-view.ts';

test('node selector: created when missing, edited key by key, removed when emptied; accepted', async () => {
  const vm = sampleVm();
  const ops = nodeSelectorOps(vm, [{ key: 'kubernetes.io/hostname', value: 'node1' }]);
  assert.deepEqual(ops, [{ op: 'add', path: '/spec/template/spec/nodeSelector', value: { 'kubernetes.io/hostname': 'node1' } }]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(nodeSelectorOps(out, [{ key: 'kubernetes.io/hostname', value: 'node2' }]), [
    { op: 'replace', path: '/spec/template/spec/nodeSelector/kubernetes.io~1hostname', value: 'node2' },
  ]);
  assert.deepEqual(nodeSelectorOps(out, []), [{ op: 'remove', path: '/spec/template/spec/nodeSelector' }]);
});

test('eviction strategy: set, replaced, removed for the cluster default', async () => {
  const vm = sampleVm();
  assert.equal(evictionOf(vm), '');
  const out = patched(vm, evictionOps(vm, 'LiveMigrateIfPossible'));
  assert.equal(evictionOf(out), 'LiveMigrateIfPossible');
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(evictionOps(out, 'External'), [{ op: 'replace', path: '/spec/template/spec/evictionStrategy', value: 'External' }]);
  assert.deepEqual(evictionOps(out, ''), [{ op: 'remove', path: '/spec/template/spec/evictionStrategy' }]);
});

test('tolerations: rules per row, the list replaced whole, accepted by the API', async () => {
  assert.deepEqual(tolerationProblems({ key: '', operator: 'Exists', value: '', effect: '' }), { key: [], value: [] });
  assert.deepEqual(tolerationProblems({ key: '', operator: 'Equal', value: 'x', effect: '' }).key.map((m) => m.key), ['config.keyEmpty']);
  assert.deepEqual(tolerationProblems({ key: 'k', operator: 'Exists', value: 'x', effect: '' }).value.map((m) => m.key), ['config.existsNoValue']);
  const vm = sampleVm();
  const ops = tolerationsOps(vm, [
    { key: 'dedicated', operator: 'Equal', value: 'vms', effect: 'NoSchedule' },
    { key: '', operator: 'Exists', value: '', effect: '' },
  ]);
  assert.deepEqual(ops, [
    { op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'dedicated', operator: 'Equal', value: 'vms', effect: 'NoSchedule' }, { operator: 'Exists' }] },
  ]);
  const out = patched(vm, ops);
  assert.deepEqual(tolerationRows(out), [
    { key: 'dedicated', operator: 'Equal', value: 'vms', effect: 'NoSchedule' },
    { key: '', operator: 'Exists', value: '', effect: '' },
  ]);
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(tolerationsOps(out, []), [{ op: 'remove', path: '/spec/template/spec/tolerations' }]);
});

test('affinity rules are counted; dedicated resources read from the CPU', () => {
  const vm = sampleVm();
  assert.equal(affinityRuleCount(vm), 0);
  vm.spec!.template!.spec!.affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}, {}] }, preferredDuringSchedulingIgnoredDuringExecution: [{}] },
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{}] },
  };
  assert.equal(affinityRuleCount(vm), 4);
  assert.deepEqual(dedicatedOf(vm), { dedicated: false, isolateEmulatorThread: false });
  templateSpecOf(vm).domain!.cpu!.dedicatedCpuPlacement = true;
  assert.equal(dedicatedOf(vm).dedicated, true);
});
