import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unschedulableMessage } from './message.ts';

test("Kubernetes' FitError format: counts per reason, sorted, trailing period", () => {
  const msg = unschedulableMessage([
    { node: 'a', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
    { node: 'b', reasons: ['Insufficient memory'] },
    { node: 'c', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
  ]);
  assert.equal(msg, "0/3 nodes are available: 1 Insufficient memory, 2 node(s) didn't match Pod's node affinity/selector.");
});

test('a node short of two resources counts for both; a repeated reason counts once per node', () => {
  const msg = unschedulableMessage([
    { node: 'a', reasons: ['Insufficient memory', 'Insufficient cpu'] },
    { node: 'b', reasons: ['Insufficient memory', 'Insufficient memory'] },
  ]);
  assert.equal(msg, '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.');
});

test('no nodes at all', () => {
  assert.equal(unschedulableMessage([]), 'no nodes available to schedule pods');
});
