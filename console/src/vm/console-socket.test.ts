import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearerProtocol, closeExplanation, consoleProtocols, consoleUrl } from './console-socket.ts';

test('the token as the API server reads it back (base64url, no padding)', () => {
  const p = bearerProtocol('ab?c>d');
  assert.equal(p, 'base64url.bearer.authorization.k8s.io.YWI_Yz5k');
  assert.equal(Buffer.from(p.split('.').pop() ?? '', 'base64url').toString(), 'ab?c>d');
  assert.doesNotMatch(bearerProtocol('x'), /=/);
  assert.equal(Buffer.from(bearerProtocol('トークン').slice(38), 'base64url').toString(), 'トークン');
});

test('console and VNC URLs on the page origin, wss for https', () => {
  assert.equal(
    consoleUrl('https://127.0.0.1:6443/k8s/ns/demo/virtualmachines/demo/console', 'demo', 'demo', 'console'),
    'wss://127.0.0.1:6443/apis/subresources.kubevirt.io/v1/namespaces/demo/virtualmachineinstances/demo/console',
  );
  assert.equal(consoleUrl('http://localhost:8080/', 'a', 'b', 'vnc'), 'ws://localhost:8080/apis/subresources.kubevirt.io/v1/namespaces/a/virtualmachineinstances/b/vnc');
});

test('the real subprotocol comes first, then the token', () => {
  assert.deepEqual(consoleProtocols('console', 't')[0], 'plain.kubevirt.io');
  assert.deepEqual(consoleProtocols('vnc', 't'), ['binary', bearerProtocol('t')]);
});

test('close explanations prefer the server reason', () => {
  assert.deepEqual(closeExplanation(4000, 'another console connection took over'), { key: 'console.closedReason', vars: { code: 4000, reason: 'another console connection took over' } });
  assert.equal(closeExplanation(1006, '').key, 'console.closedAbnormally');
  assert.equal(closeExplanation(1000, '').key, 'console.closed');
});
