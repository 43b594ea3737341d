import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretKind, type Secret } from './secret.ts';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from './testing.ts';

// Seed 003 §8.15.3.5, endpoint-secret.yaml.
const ENDPOINT_SECRET = `
apiVersion: v1
kind: Secret
metadata:
  name: endpoint-secret
  labels:
    app: containerized-data-importer
type: Opaque
data:
  accessKeyId: ""
  secretKey: ""
`;

test('seed endpoint-secret is valid', async () => {
  const s = yamlObject<Secret>(ENDPOINT_SECRET);
  assert.deepEqual(schemaErrors(secretKind.schema, s), []);
  assert.deepEqual(await admit(secretKind, s), []);
});

test('data values must be base64', async () => {
  const s = yamlObject<Secret>(ENDPOINT_SECRET);
  s.data = { accessKeyId: 'bm90IGJhc2U2NA==', secretKey: 'not base64!' };
  assert.deepEqual(brief(await admit(secretKind, s)), [
    { field: 'data[secretKey]', message: 'Invalid value: illegal base64 data: values must be base64-encoded' },
  ]);
});

test('stringData is merged into data as base64 and dropped; it wins over data', async () => {
  const s = yamlObject<Secret>(ENDPOINT_SECRET);
  s.stringData = { accessKeyId: 'AKIA', extra: 'x y' };
  assert.deepEqual(await admit(secretKind, s), []);
  assert.equal(s.stringData, undefined);
  assert.deepEqual(s.data, { accessKeyId: 'QUtJQQ==', secretKey: '', extra: 'eCB5' });
});

test('type defaults to Opaque; tls secrets need tls.crt and tls.key', async () => {
  const s: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } };
  assert.deepEqual(await admit(secretKind, s), []);
  assert.equal(s.type, 'Opaque');
  const tls: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '' } };
  assert.deepEqual(brief(await admit(secretKind, tls)), [{ field: 'data[tls.key]', message: 'Required value' }]);
});

test('keys must be config keys', async () => {
  const s: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { 'a/b': '' } };
  const errs = await admit(secretKind, s);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].field, 'data[a/b]');
  assert.match(errs[0].message, /a valid config key must consist of alphanumeric characters/);
});

test('immutable secrets keep their data, and type never changes', async () => {
  const old: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, type: 'Opaque', immutable: true, data: { a: 'YQ==' } };
  const cur: Secret = { ...old, type: 'other', data: { a: 'Yg==' } };
  assert.deepEqual(brief(await admit(secretKind, cur, updateCtx(old))), [
    { field: 'type', message: 'Invalid value: field is immutable' },
    { field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' },
  ]);
});

test('Data column counts keys', () => {
  const col = secretKind.printerColumns.find((c) => c.name === 'Data');
  assert.equal(col?.value?.(yamlObject(ENDPOINT_SECRET)), 2);
});
