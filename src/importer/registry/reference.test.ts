// Image references and docker:// URLs as docker and CDI read them, and the insecureRegistries match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidReference, apiHost, formatReference, isInsecureRegistry, parseDockerUrl, parseReference } from './reference.ts';

test('references: hosts with ports, Docker Hub short names, tags and digests', () => {
  assert.deepEqual(parseReference('127.0.0.1:5000/tiny:latest'), { host: '127.0.0.1:5000', repository: 'tiny', reference: 'latest' });
  assert.deepEqual(parseReference('quay.io/containerdisks/fedora'), { host: 'quay.io', repository: 'containerdisks/fedora', reference: 'latest' });
  assert.deepEqual(parseReference('cirros:0.6'), { host: 'docker.io', repository: 'library/cirros', reference: '0.6' });
  assert.deepEqual(parseReference('localhost/a/b:v1'), { host: 'localhost', repository: 'a/b', reference: 'v1' });
  const digest = `sha256:${'a'.repeat(64)}`;
  const r = parseReference(`r.io/x@${digest}`);
  assert.equal(r.reference, digest);
  assert.equal(formatReference(r), `r.io/x@${digest}`);
  assert.equal(formatReference(parseReference('r.io:5000/x')), 'r.io:5000/x:latest');
  assert.equal(apiHost('docker.io'), 'registry-1.docker.io');
  assert.throws(() => parseReference('r.io/UPPER:1'), InvalidReference);
  assert.throws(() => parseReference('r.io/x@sha256:short'), /invalid digest "sha256:short"/);
});

test('docker:// URLs', () => {
  assert.deepEqual(parseDockerUrl('docker://127.0.0.1:5000/tiny:v1'), { host: '127.0.0.1:5000', repository: 'tiny', reference: 'v1' });
  assert.throws(() => parseDockerUrl('https://127.0.0.1:5000/tiny'), /must start with docker:\/\//);
});

test('insecureRegistries entries match host[:port] exactly', () => {
  assert.equal(isInsecureRegistry('127.0.0.1:5000', ['127.0.0.1:5000']), true);
  assert.equal(isInsecureRegistry('Registry.Example.com', ['registry.example.com']), true);
  assert.equal(isInsecureRegistry('127.0.0.1:5001', ['127.0.0.1:5000', '127.0.0.1']), false);
  assert.equal(isInsecureRegistry('127.0.0.1:5000', []), false);
});
