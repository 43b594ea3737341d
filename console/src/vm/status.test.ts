import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusIcon, vmStatus } from './status.ts';

test('printableStatus → icon', () => {
  assert.equal(statusIcon('Running'), 'running');
  assert.equal(statusIcon('Stopped'), 'stopped');
  assert.equal(statusIcon('Paused'), 'paused');
  assert.equal(statusIcon('Provisioning'), 'progress');
  assert.equal(statusIcon('Starting'), 'progress');
  assert.equal(statusIcon('Stopping'), 'progress');
  assert.equal(statusIcon('Migrating'), 'migrating');
  assert.equal(statusIcon('CrashLoopBackOff'), 'error');
  assert.equal(statusIcon('ErrorUnschedulable'), 'error');
  assert.equal(statusIcon('Whatever'), 'unknown');
  assert.equal(statusIcon(undefined), 'unknown');
});

test('a VM without status shows Stopped', () => {
  assert.equal(vmStatus({}), 'Stopped');
  assert.equal(vmStatus({ status: { printableStatus: 'Running' } }), 'Running');
});
