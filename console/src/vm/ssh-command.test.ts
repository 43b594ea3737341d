import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../api/types.ts';
import { cloudInitUser, sshCommand, sshTarget, vireoSshCommand, vmUserData } from './ssh-command.ts';

const vmi = (o: { phase?: string; forwards?: string; ip?: string } = {}): VirtualMachineInstance => ({
  metadata: { name: 'vm', namespace: 'ns', annotations: o.forwards === undefined ? {} : { 'vireo.io/port-forwards': o.forwards } },
  status: { phase: o.phase ?? 'Running', interfaces: o.ip ? [{ ipAddress: o.ip }] : [] },
});

test('the forwarded port 22 at the VMI address, or why there is none', () => {
  assert.deepEqual(sshTarget(vmi({ forwards: '{"22/TCP":40022}', ip: '127.0.0.1' })), { host: '127.0.0.1', port: 40022 });
  assert.deepEqual(sshTarget(undefined), { problem: 'ssh.notRunning' });
  assert.deepEqual(sshTarget(vmi({ phase: 'Scheduled', forwards: '{"22/TCP":1}', ip: 'x' })), { problem: 'ssh.notRunning' });
  assert.deepEqual(sshTarget(vmi({ forwards: '{"80/TCP":8080}', ip: 'x' })), { problem: 'ssh.noPort' });
  assert.deepEqual(sshTarget(vmi({ forwards: 'not json', ip: 'x' })), { problem: 'ssh.noPort' });
  assert.deepEqual(sshTarget(vmi({ forwards: '{"22/TCP":22}' })), { problem: 'ssh.noAddress' });
});

test('the user from cloud-init: user:, user.name, or the first named users entry', () => {
  assert.equal(cloudInitUser('#cloud-config\nuser: fedora\npassword: x\n'), 'fedora');
  assert.equal(cloudInitUser('#cloud-config\nuser:\n  name: cloud\n'), 'cloud');
  assert.equal(cloudInitUser('#cloud-config\nusers:\n  - default\n  - name: admin\n'), 'admin');
  assert.equal(cloudInitUser('#!/bin/sh\necho hi'), undefined);
  assert.equal(cloudInitUser(undefined), undefined);
  assert.equal(cloudInitUser('{ bad'), undefined);
  const vm = { spec: { template: { spec: { volumes: [{ name: 'root' }, { name: 'ci', cloudInitNoCloud: { userData: 'user: u' } }] } } } };
  assert.equal(vmUserData(vm), 'user: u');
});

test('the commands', () => {
  assert.equal(sshCommand({ host: '10.0.2.2', port: 2222 }, 'fedora'), 'ssh -p 2222 fedora@10.0.2.2');
  assert.equal(sshCommand({ host: '10.0.2.2', port: 2222 }, undefined), 'ssh -p 2222 <user>@10.0.2.2');
  assert.equal(vireoSshCommand('ns', 'vm', 'fedora'), 'vireo ssh -n ns fedora@vm');
  assert.equal(vireoSshCommand('ns', 'vm', undefined), 'vireo ssh -n ns vm');
});
