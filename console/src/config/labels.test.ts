import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guarded } from './json-patch.ts';
import { keyProblems, labelValueProblems, mapOf, metadataOps, rowProblems, rowsOf } from './labels.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';

const keys = (k: string) => keyProblems(k).map((m) => m.key);

test('label keys follow Kubernetes: [DNS subdomain prefix/]name of 63 at most', () => {
  for (const ok of ['app', 'kubevirt.io/os', 'a.b-c_d', 'A9', 'x'.repeat(63), `${'a'.repeat(253)}/n`]) assert.deepEqual(keys(ok), [], ok);
  assert.deepEqual(keys(''), ['config.keyEmpty']);
  assert.deepEqual(keys('bad key'), ['config.keyName']);
  assert.deepEqual(keys('-app'), ['config.keyName']);
  assert.deepEqual(keys('app-'), ['config.keyName']);
  assert.deepEqual(keys('x'.repeat(64)), ['config.keyNameTooLong']);
  assert.deepEqual(keys('Example.com/app'), ['config.keyPrefix']);
  assert.deepEqual(keys('/app'), ['config.keyPrefixEmpty']);
  assert.deepEqual(keys('a.io/'), ['config.keyNameEmpty']);
  assert.deepEqual(keys('a/b/c'), ['config.keyFormat']);
  assert.deepEqual(keys(`${'a'.repeat(254)}/n`), ['config.keyPrefixTooLong']);
});

test('label values: empty, or 63 at most of letters, digits, -_. with alphanumeric ends', () => {
  for (const ok of ['', 'web', 'v1.2_3-x', 'x'.repeat(63)]) assert.deepEqual(labelValueProblems(ok), [], ok);
  assert.deepEqual(labelValueProblems('has space').map((m) => m.key), ['config.valueChars']);
  assert.deepEqual(labelValueProblems('x'.repeat(64)).map((m) => m.key), ['config.valueTooLong']);
});

test('rows: duplicates are flagged on the later row; annotation values are free text', () => {
  const rows = [
    { key: 'app', value: 'a' },
    { key: 'app', value: 'b' },
    { key: 'note', value: 'any text: at all' },
  ];
  const p = rowProblems(rows, 'labels');
  assert.deepEqual(p[0], { key: [], value: [] });
  assert.deepEqual(p[1]!.key.map((m) => m.key), ['config.keyDuplicate']);
  assert.deepEqual(p[2]!.value.map((m) => m.key), ['config.valueChars']);
  assert.deepEqual(rowProblems(rows.slice(2), 'annotations')[0], { key: [], value: [] });
});

test('metadataOps adds, replaces and removes single keys of the sample VM, which the API accepts', async () => {
  const vm = sampleVm();
  const rows = [...rowsOf(vm.metadata.labels).filter((r) => r.key !== 'app'), { key: 'kubevirt.io/os', value: 'fedora' }, { key: 'tier', value: 'db' }];
  // The edited row replaced the old one with the same key (the form keeps one row per key).
  const next = mapOf([{ key: 'kubevirt.io/os', value: 'fedora' }, { key: 'tier', value: 'db' }]);
  assert.deepEqual(mapOf(rows), next);
  const ops = metadataOps(vm, 'labels', rows);
  assert.deepEqual(ops, [
    { op: 'remove', path: '/metadata/labels/app' },
    { op: 'replace', path: '/metadata/labels/kubevirt.io~1os', value: 'fedora' },
    { op: 'add', path: '/metadata/labels/tier', value: 'db' },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(out.metadata.labels, next);
  assert.deepEqual(out.metadata.annotations, vm.metadata.annotations);
  assert.deepEqual(await admission(out), []);
});

test('metadataOps creates a missing map, removes an emptied one, ignores blank rows', () => {
  const vm = sampleVm();
  delete vm.metadata.labels;
  assert.deepEqual(metadataOps(vm, 'labels', [{ key: 'a', value: 'b' }, { key: '', value: '' }]), [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }]);
  assert.deepEqual(metadataOps(vm, 'labels', []), []);
  assert.deepEqual(metadataOps(sampleVm(), 'annotations', []), [{ op: 'remove', path: '/metadata/annotations' }]);
});
