import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { exampleName, exampleVm, exampleVmYaml } from '../vm/example-vm.ts';
import { parseVmManifest } from './manifest.ts';

test('the example parses back to the example VM', () => {
  const r = parseVmManifest(exampleVmYaml('demo', 'example-abcde'));
  assert.ok(r.ok);
  assert.deepEqual(r.object, exampleVm('demo', 'example-abcde'));
  assert.equal(r.object.metadata.namespace, 'demo');
});

test('the example is a tiny halted containerDisk VM whose memory limit leaves 100Mi', () => {
  const vm = parse(exampleVmYaml('ns', 'n')) as { spec: { runStrategy: string; template: { spec: { domain: { resources: { requests: { memory: string }; limits: { memory: string } } } } } } };
  assert.equal(vm.spec.runStrategy, 'Halted');
  assert.deepEqual(vm.spec.template.spec.domain.resources, { requests: { memory: '128Mi' }, limits: { memory: '256Mi' } });
});

test('example names are DNS labels', () => {
  assert.match(exampleName(), /^example-[a-z0-9]{5}$/);
  assert.equal(exampleName(() => 0), 'example-aaaaa');
  assert.equal(exampleName(() => 0.9999), 'example-99999');
});

test('syntax errors, non-mappings and other kinds are refused with where', () => {
  const bad = parseVmManifest('kind: VirtualMachine\nmetadata: [\n');
  assert.ok(!bad.ok);
  assert.equal(bad.key, 'create.yamlError');
  assert.ok(bad.from > 0);
  const list = parseVmManifest('- a\n- b\n');
  assert.ok(!list.ok && list.key === 'create.notMapping');
  const pod = parseVmManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
  assert.ok(!pod.ok);
  assert.equal(pod.key, 'create.notVm');
  assert.deepEqual(pod.vars, { found: 'v1 Pod' });
  assert.equal('apiVersion: v1\nkind: Pod\n'.slice(pod.from, pod.to), 'Pod');
  const noMeta = parseVmManifest('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\n');
  assert.ok(!noMeta.ok && noMeta.key === 'create.noMetadata');
});
