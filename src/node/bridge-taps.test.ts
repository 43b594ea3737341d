import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tapName } from './bridge-taps.ts';

test('tap names fit an interface name, are stable, and differ per node, VMI and interface', () => {
  const a = tapName('node1', 'uid-1', 'lan');
  assert.match(a, /^vt[0-9a-f]{10}$/);
  assert.ok(a.length <= 15);
  assert.equal(tapName('node1', 'uid-1', 'lan'), a);
  assert.notEqual(tapName('node2', 'uid-1', 'lan'), a, 'a migration target on another node gets its own tap');
  assert.notEqual(tapName('node1', 'uid-2', 'lan'), a);
  assert.notEqual(tapName('node1', 'uid-1', 'lan2'), a);
});
