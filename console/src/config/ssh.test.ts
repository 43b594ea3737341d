import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../api/types.ts';
import { cloudInitOps } from './cloud-init.ts';
import { guarded } from './json-patch.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { sshCommands, sshEndpoint, sshKeyOf, sshKeyOps, sshKeyProblems, sshKeySecret } from './ssh.ts';
import { templateSpecOf } from './vm-view.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host';

test('public key rules: an OpenSSH key line', () => {
  assert.deepEqual(sshKeyProblems(KEY), []);
  assert.deepEqual(sshKeyProblems('').map((m) => m.key), ['config.sshKeyEmpty']);
  assert.deepEqual(sshKeyProblems('not a key').map((m) => m.key), ['config.sshKeyInvalid']);
});

test('the Secret: generated name after the VM, owned by it, the key base64 under "key"', () => {
  const vm = sampleVm();
  vm.metadata.uid = 'u1';
  const s = sshKeySecret(vm, ` ${KEY}\n`);
  assert.equal(s.metadata.generateName, 'vm1-ssh-key-');
  assert.equal(s.metadata.namespace, 'demo');
  assert.deepEqual(s.metadata.ownerReferences, [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'vm1', uid: 'u1' }]);
  assert.equal(atob(s.data!.key!), KEY);
});

test('accessCredentials: added with noCloud propagation, then replaced; accepted by the API', async () => {
  const vm = sampleVm();
  assert.equal(sshKeyOf(vm), undefined);
  const ops = sshKeyOps(vm, 'vm1-ssh-key-abcde');
  assert.deepEqual(ops, [
    {
      op: 'add',
      path: '/spec/template/spec/accessCredentials',
      value: [{ sshPublicKey: { source: { secret: { secretName: 'vm1-ssh-key-abcde' } }, propagationMethod: { noCloud: {} } } }],
    },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.deepEqual(sshKeyOf(out), { secretName: 'vm1-ssh-key-abcde', propagation: 'noCloud' });
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(sshKeyOps(out, 'other').map((o) => [o.op, o.path]), [['replace', '/spec/template/spec/accessCredentials/0']]);
});

test('a VM without NoCloud cloud-init gets a NoCloud disk to carry the key', async () => {
  const bare = patched(sampleVm(), cloudInitOps(sampleVm(), { mode: 'script', userData: '' }));
  const out = patched(bare, sshKeyOps(bare, 's1'));
  assert.deepEqual(templateSpecOf(out).volumes?.at(-1), { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } });
  assert.deepEqual(await admission(out), []);
});

test('the SSH command: the forwarded port 22 on the node address, else none', () => {
  const vmi: VirtualMachineInstance = {
    metadata: { name: 'vm1', annotations: { 'vireo.io/port-forwards': '{"22/TCP":40022,"80/TCP":40080}' } },
    status: { interfaces: [{ ipAddress: '10.0.0.5' }] },
  };
  const ep = sshEndpoint(vmi);
  assert.deepEqual(ep, { address: '10.0.0.5', port: 40022 });
  assert.deepEqual(sshCommands(sampleVm(), ep!, 'fedora'), { ssh: 'ssh -p 40022 fedora@10.0.0.5', vireo: 'vireo ssh fedora@vm/vm1 -n demo' });
  assert.equal(sshCommands(sampleVm(), ep!, '').ssh, 'ssh -p 40022 10.0.0.5');
  assert.equal(sshEndpoint(undefined), undefined);
  assert.equal(sshEndpoint({ ...vmi, metadata: { name: 'vm1', annotations: { 'vireo.io/port-forwards': '{"80/TCP":1}' } } }), undefined);
  assert.equal(sshEndpoint({ ...vmi, metadata: { name: 'vm1', annotations: { 'vireo.io/port-forwards': 'nope' } } }), undefined);
});
