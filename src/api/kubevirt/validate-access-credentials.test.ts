import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAccessCredentials } from './validate-access-credentials.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

const T = 'spec.template.spec';
const spec = (accessCredentials: Record<string, unknown>[], volumes: VirtualMachineInstanceSpec['volumes'] = []): VirtualMachineInstanceSpec => ({
  domain: { devices: {} },
  volumes,
  accessCredentials,
});
const noCloudVolume = [{ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\n' } }];
const key = (propagationMethod: unknown, secretName = 'keys') => ({ sshPublicKey: { source: { secret: { secretName } }, propagationMethod } });
const fields = (s: VirtualMachineInstanceSpec) => validateAccessCredentials(s, T).map((e) => [e.field, e.message]);

test('valid: noCloud with a NoCloud volume, qemuGuestAgent with users', () => {
  assert.deepEqual(fields(spec([key({ noCloud: {} }), key({ qemuGuestAgent: { users: ['root'] } })], noCloudVolume)), []);
});

test('noCloud / configDrive propagation needs its cloud-init volume', () => {
  assert.deepEqual(fields(spec([key({ noCloud: {} })])), [
    [`${T}.accessCredentials[0].sshPublicKey.propagationMethod`, `${T}.accessCredentials[0] requires a noCloud volume to exist when the noCloud propagationMethod is in use (a cloudInitNoCloud volume in ${T}.volumes)`],
  ]);
  assert.match(fields(spec([key({ configDrive: {} })], noCloudVolume))[0]![1]!, /requires a configDrive volume/);
});

test('qemuGuestAgent needs users; one source, one method, one type', () => {
  assert.deepEqual(fields(spec([key({ qemuGuestAgent: {} })])), [
    [`${T}.accessCredentials[0].sshPublicKey.propagationMethod.qemuGuestAgent.users`, `${T}.accessCredentials[0] requires at least one user to be present in the users list`],
  ]);
  assert.deepEqual(fields(spec([key({ noCloud: {}, qemuGuestAgent: { users: ['root'] } }, '')], noCloudVolume)).map(([f]) => f), [
    `${T}.accessCredentials[0].sshPublicKey.source`,
    `${T}.accessCredentials[0].sshPublicKey.propagationMethod`,
  ]);
  assert.deepEqual(fields(spec([{}])).map(([f]) => f), [`${T}.accessCredentials[0]`]);
});
