import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configMapKind, type ConfigMap } from './configmap.ts';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from './testing.ts';

// Seed 003 §8.15.1.2, the tls-certs ConfigMap, written out as YAML.
const TLS_CERTS = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: tls-certs
data:
  ca.pem: |
    -----BEGIN CERTIFICATE-----
    ... <base64 encoded cert> ...
    -----END CERTIFICATE-----
`;

test('seed tls-certs is valid', async () => {
  const cm = yamlObject<ConfigMap>(TLS_CERTS);
  assert.deepEqual(schemaErrors(configMapKind.schema, cm), []);
  assert.deepEqual(await admit(configMapKind, cm), []);
  assert.match(cm.data?.['ca.pem'] ?? '', /^-----BEGIN CERTIFICATE-----\n/);
});

test('binaryData must be base64 and must not repeat a data key', async () => {
  const cm = yamlObject<ConfigMap>(TLS_CERTS);
  cm.binaryData = { 'ca.pem': 'AAEC', blob: '***' };
  assert.deepEqual(brief(await admit(configMapKind, cm)), [
    { field: 'binaryData[blob]', message: 'Invalid value: illegal base64 data: values must be base64-encoded' },
    { field: 'binaryData[ca.pem]', message: 'Invalid value: "ca.pem": duplicate of key present in data' },
  ]);
});

test('more than 1 MiB is refused', async () => {
  const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { big: 'x'.repeat(1024 * 1024) } };
  assert.deepEqual(brief(await admit(configMapKind, cm)), [{ field: 'data', message: 'Too long: must have at most 1048576 bytes' }]);
});

test('immutable config maps cannot change data or become mutable', async () => {
  const old = yamlObject<ConfigMap>(TLS_CERTS);
  old.immutable = true;
  const cur: ConfigMap = { ...old, immutable: false, data: { 'ca.pem': 'other' } };
  assert.deepEqual(brief(await admit(configMapKind, cur, updateCtx(old))), [
    { field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' },
    { field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' },
  ]);
  const same: ConfigMap = { ...old, metadata: { ...old.metadata, labels: { a: 'b' } } };
  assert.deepEqual(await admit(configMapKind, same, updateCtx(old)), []);
});

test('Data column counts data and binaryData keys', () => {
  const cm = yamlObject<ConfigMap>(TLS_CERTS);
  cm.binaryData = { b: 'AA==' };
  assert.equal(configMapKind.printerColumns[0].value?.(cm), 2);
});
