import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionEnabled, vmActions, type VmActionId } from './actions.ts';

const enabled = (status: string) => vmActions('ns', 'vm', status).filter((a) => a.enabled).map((a) => a.id);

test('the lab: Start is greyed while running; Stop, Restart, Pause enabled', () => {
  assert.deepEqual(enabled('Running'), ['stop', 'restart', 'pause']);
});

test('the lab: stopped → only Start (Restart and Pause greyed)', () => {
  assert.deepEqual(enabled('Stopped'), ['start']);
});

test('the lab: Unpause only when paused', () => {
  assert.deepEqual(enabled('Paused'), ['stop', 'restart', 'unpause']);
  for (const s of ['Running', 'Stopped', 'Starting', 'Migrating']) assert.equal(actionEnabled('unpause', s), false, s);
});

test('in-between states offer no Start and no Pause', () => {
  for (const s of ['Starting', 'Stopping', 'Terminating', 'Provisioning']) {
    assert.equal(actionEnabled('start', s), false, s);
    assert.equal(actionEnabled('pause', s), false, s);
  }
  assert.equal(actionEnabled('stop', 'Stopping'), false);
  assert.equal(actionEnabled('stop', 'Starting'), true);
  assert.equal(actionEnabled('stop', 'CrashLoopBackOff'), true);
});

test('VM actions go to virtualmachines, pause/unpause to virtualmachineinstances', () => {
  const byId = new Map(vmActions('my-ns', 'fedora01', 'Running').map((a) => [a.id, a.path]));
  const want: Record<VmActionId, string> = {
    start: '/apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/start',
    stop: '/apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/stop',
    restart: '/apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachines/fedora01/restart',
    pause: '/apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachineinstances/fedora01/pause',
    unpause: '/apis/subresources.kubevirt.io/v1/namespaces/my-ns/virtualmachineinstances/fedora01/unpause',
  };
  assert.deepEqual(Object.fromEntries(byId), want);
});
