import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendOps, guarded, pointer, removeAtOps, setOps } from './json-patch.ts';
import { patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';

test('pointer escapes ~ and / (label keys with a prefix)', () => {
  assert.equal(pointer(['metadata', 'labels', 'kubevirt.io/os']), '/metadata/labels/kubevirt.io~1os');
  assert.equal(pointer(['a~b', 0]), '/a~0b/0');
});

test('guarded first sets the resourceVersion the form read: a precondition on the server', () => {
  const vm = sampleVm();
  const ops = guarded(vm, setOps(vm, ['spec', 'runStrategy'], 'Always'));
  assert.deepEqual(ops[0], { op: 'add', path: '/metadata/resourceVersion', value: '42' });
  // Applied as Vireo applies patches (to a copy without resourceVersion) and as kube-apiserver does
  // (with it): either way the result names version 42, which the server compares with the stored one.
  const bare = sampleVm();
  delete bare.metadata.resourceVersion;
  assert.equal(patched(bare, ops).metadata.resourceVersion, '42');
  assert.equal(patched({ ...vm, metadata: { ...vm.metadata, resourceVersion: '43' } }, ops).metadata.resourceVersion, '42');
  assert.equal(patched(vm, ops).spec?.runStrategy, 'Always');
  assert.deepEqual(guarded(bare, []), []);
});

test('setOps replaces, adds the nearest missing parent, removes, and says nothing when unchanged', () => {
  const vm = sampleVm();
  assert.deepEqual(setOps(vm, ['spec', 'runStrategy'], 'Always'), [{ op: 'replace', path: '/spec/runStrategy', value: 'Always' }]);
  assert.deepEqual(setOps(vm, ['spec', 'runStrategy'], 'Halted'), []);
  assert.deepEqual(setOps(vm, ['spec', 'template', 'spec', 'nodeSelector', 'zone'], 'a'), [
    { op: 'add', path: '/spec/template/spec/nodeSelector', value: { zone: 'a' } },
  ]);
  assert.deepEqual(setOps(vm, ['spec', 'runStrategy'], undefined), [{ op: 'remove', path: '/spec/runStrategy' }]);
  assert.deepEqual(setOps(vm, ['spec', 'nope', 'x'], undefined), []);
});

test('appendOps adds to a list or creates it; removeAtOps removes by index within range', () => {
  const vm = sampleVm();
  assert.deepEqual(appendOps(vm, ['spec', 'template', 'spec', 'volumes'], { name: 'x' }), [{ op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'x' } }]);
  assert.deepEqual(appendOps(vm, ['spec', 'template', 'spec', 'tolerations'], { key: 'k' }), [
    { op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'k' }] },
  ]);
  assert.deepEqual(removeAtOps(vm, ['spec', 'template', 'spec', 'volumes'], 1), [{ op: 'remove', path: '/spec/template/spec/volumes/1' }]);
  assert.deepEqual(removeAtOps(vm, ['spec', 'template', 'spec', 'volumes'], 9), []);
  assert.deepEqual(removeAtOps(vm, ['spec', 'template', 'spec', 'volumes'], -1), []);
});
