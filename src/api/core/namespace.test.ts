import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namespaceKind, type Namespace } from './namespace.ts';
import { admit, schemaErrors } from './testing.ts';

test('a namespace is Active by default', async () => {
  const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vireo-system' } };
  assert.deepEqual(await admit(namespaceKind, ns), []);
  assert.equal(ns.status?.phase, 'Active');
  assert.deepEqual(schemaErrors(namespaceKind.schema, ns), []);
});

test('namespace names are DNS labels (no periods)', async () => {
  const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } };
  const errs = await admit(namespaceKind, ns);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].field, 'metadata.name');
  assert.match(errs[0].message, /"my.ns" is invalid: a DNS label/);
});

test('phase is Active or Terminating', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, status: { phase: 'Gone' } };
  assert.ok(schemaErrors(namespaceKind.schema, ns).some((m) => m.startsWith('/status/phase')));
});
