import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { agentKeysOf } from './agent-keys.ts';
import { sshKeyCredentials } from './credentials.ts';
import { MissingSecretError, keysOfSecret, keysOfSecrets } from './secret-keys.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const K = (n: number) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${n} k${n}@host`;

test('every value of a Secret, one key per line, in key-name order, blanks and comments dropped', () => {
  const keys = keysOfSecret({ data: { z: b64(`${K(3)}\n`), a: b64(`${K(1)}\r\n\n# old laptop\n  ${K(2)}  \n${K(1)}`) } });
  assert.deepEqual(keys, [K(1), K(2), K(3)]);
  assert.deepEqual(keysOfSecret({ stringData: { key: K(4) } }), [K(4)]);
  assert.deepEqual(keysOfSecret({}), []);
});

test('a Secret that does not exist is an error naming it', async () => {
  const secrets: Record<string, { data: Record<string, string> }> = { a: { data: { key: b64(K(1)) } } };
  const fetch = async (n: string) => secrets[n];
  assert.deepEqual(await keysOfSecrets(fetch, ['a', 'a']), [K(1)]);
  await assert.rejects(keysOfSecrets(fetch, ['a', 'gone']), (e: Error) => e instanceof MissingSecretError && e.message === 'secret "gone" not found');
});

const vmi = (accessCredentials: Record<string, unknown>[]): VirtualMachineInstance => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: 'v' },
  spec: { domain: { devices: {} }, accessCredentials },
});
const ssh = (secretName: string, propagationMethod: Record<string, unknown>) => ({ sshPublicKey: { source: { secret: { secretName } }, propagationMethod } });

test('credentials: each SSH key with its propagation; agent keys merged per user', async () => {
  const v = vmi([
    ssh('s1', { noCloud: {} }),
    ssh('s2', { qemuGuestAgent: { users: ['root', 'fedora'] } }),
    ssh('s3', { qemuGuestAgent: { users: ['root'] } }),
    { userPassword: { source: { secret: { secretName: 'pw' } }, propagationMethod: { qemuGuestAgent: {} } } },
  ]);
  assert.deepEqual(sshKeyCredentials(v), [
    { secretName: 's1', propagation: 'noCloud', users: [] },
    { secretName: 's2', propagation: 'qemuGuestAgent', users: ['root', 'fedora'] },
    { secretName: 's3', propagation: 'qemuGuestAgent', users: ['root'] },
  ]);
  const data: Record<string, string> = { s1: K(1), s2: K(2), s3: `${K(3)}\n${K(2)}` };
  const got = await agentKeysOf(v, async (n) => ({ data: { key: b64(data[n]!) } }));
  assert.deepEqual(got, { users: [['fedora', [K(2)]], ['root', [K(2), K(3)]]], secrets: ['s2', 's3'] });
  assert.equal(await agentKeysOf(vmi([ssh('s1', { noCloud: {} })]), async () => undefined), undefined);
});
