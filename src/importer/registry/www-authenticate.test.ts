// WWW-Authenticate parsing: the challenges registries send (distribution's htpasswd and token
// auth, Docker Hub, quay), quoting, several challenges in one header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWwwAuthenticate } from './www-authenticate.ts';

test('Basic from an htpasswd registry', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="Registry Realm"'), [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]);
});

test('Bearer with realm, service and scope (Docker Hub)', () => {
  assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/cirros:pull"'), [
    { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/cirros:pull' } },
  ]);
});

test('several challenges, spaces, unquoted values, escapes and a comma inside quotes', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="a, b", Bearer  realm = "https://t/x" , service=reg, error="insufficient_scope", Negotiate'), [
    { scheme: 'basic', params: { realm: 'a, b' } },
    { scheme: 'bearer', params: { realm: 'https://t/x', service: 'reg', error: 'insufficient_scope' } },
    { scheme: 'negotiate', params: {} },
  ]);
  assert.deepEqual(parseWwwAuthenticate('bearer realm="say \\"hi\\""'), [{ scheme: 'bearer', params: { realm: 'say "hi"' } }]);
});

test('empty or broken headers give what can be read', () => {
  assert.deepEqual(parseWwwAuthenticate(''), []);
  assert.deepEqual(parseWwwAuthenticate('Bearer realm="unterminated'), [{ scheme: 'bearer', params: { realm: 'unterminated' } }]);
});
