import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import { objectToSave, yamlOf } from './yaml-edit.ts';

const vm = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'a', namespace: 'n', resourceVersion: '7', managedFields: [{ manager: 'kubectl' }] }, spec: { runStrategy: 'Halted' } };

test('the text hides managedFields and keeps everything else', () => {
  const shown = parse(yamlOf(vm)) as typeof vm;
  assert.equal(shown.metadata.managedFields, undefined);
  assert.deepEqual(shown.spec, { runStrategy: 'Halted' });
  assert.equal(shown.metadata.resourceVersion, '7');
});

test('a save is pinned to the loaded resourceVersion when the text dropped it; a written one wins', () => {
  const edited: KubeObject = { ...vm, metadata: { name: 'a', namespace: 'n' } };
  assert.equal(objectToSave(edited, '7').metadata.resourceVersion, '7');
  assert.equal(objectToSave({ ...vm, metadata: { ...vm.metadata, resourceVersion: '9' } }, '7').metadata.resourceVersion, '9');
  assert.equal(objectToSave(edited, undefined).metadata.resourceVersion, undefined);
});
