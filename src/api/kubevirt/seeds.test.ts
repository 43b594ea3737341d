// Every VirtualMachine manifest of the seed documents must pass the schema and admission.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { virtualMachineKind } from './virtualmachine.ts';
import type { VirtualMachine } from './types.ts';

const dir = new URL('./testdata/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.startsWith('seed') && f.endsWith('.yaml'));

const ctx = { operation: 'CREATE' as const, get: async () => undefined };

test('all 15 seed VirtualMachines are present', () => {
  assert.equal(files.length, 15);
});

for (const file of files) {
  test(`seed ${file} validates against the schema and admission`, async () => {
    const vm = parse(readFileSync(new URL(file, dir), 'utf8')) as VirtualMachine;
    vm.metadata.namespace = 'default';
    assert.equal(vm.apiVersion, 'kubevirt.io/v1');
    assert.equal(vm.kind, 'VirtualMachine');
    const schemaErrors = [...Value.Errors(virtualMachineKind.schema, vm)].map((e) => `${e.path}: ${e.message}`);
    assert.deepEqual(schemaErrors, []);
    virtualMachineKind.defaults?.(vm);
    assert.deepEqual([...Value.Errors(virtualMachineKind.schema, vm)].map((e) => e.path), [], 'still valid after defaults');
    assert.deepEqual(await virtualMachineKind.validate?.(vm, ctx), []);
  });
}
