import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDiskName } from '../../../src/api/common/names.ts';
import type { Message } from '../catalog/message.ts';
import { advancedProblems } from './advanced-rules.ts';
import { diskProblems, storageProblems } from './disk-rules.ts';
import { newDisk, newNic, withDisk, withSource } from './edits.ts';
import { generalProblems, type GeneralContext } from './general-rules.ts';
import { networkingProblems, nicProblems } from './nic-rules.ts';
import { reachable, wizardProblems } from './problems.ts';
import type { WizardState } from './state.ts';
import { start } from './wizard.fixture.ts';

const keys = (ms: readonly Message[]) => ms.map((m) => m.key);
const ctx: GeneralContext = { taken: new Set(['taken1']), bootSource: { state: 'available', ref: { namespace: 'vireo-os-images', name: 'vireo-tiny' } }, nads: [] };

test('General: the name rule as typed, CPU, memory and the source\'s fields', () => {
  const { state } = start('vireo-tiny-server-small');
  const p = (patch: Partial<WizardState['general']>, c = ctx) => generalProblems({ ...state.general, ...patch }, c);
  assert.deepEqual(Object.values(p({})).flat(), []);
  assert.deepEqual(keys(p({ name: 'Bad.Name' }).name), ['quick.nameChars']);
  assert.deepEqual(keys(p({ name: 'taken1' }).name), ['quick.nameTaken']);
  assert.deepEqual(keys(p({ cpus: '' }).cpus), ['wizard.cpuEmpty']);
  assert.deepEqual(keys(p({ cpus: '1.5' }).cpus), ['wizard.cpuPositive']);
  assert.deepEqual(keys(p({ cpus: '0' }).cpus), ['wizard.cpuPositive']);
  assert.deepEqual(keys(p({ memory: { value: '', unit: 'Mi' } }).memory), ['wizard.memoryEmpty']);
  assert.deepEqual(keys(p({ memory: { value: '-1', unit: 'Mi' } }).memory), ['wizard.memoryPositive']);
  assert.deepEqual(keys(p({ source: 'url', url: '' }).url), ['wizard.urlEmpty']);
  assert.deepEqual(keys(p({ source: 'url', url: ' http://x' }).url), ['wizard.urlLeadingSpace']);
  assert.deepEqual(keys(p({ source: 'url', url: 'ftp://x/y' }).url), ['wizard.urlInvalid']);
  assert.deepEqual(keys(p({ source: 'url', url: 'https://x/y.qcow2' }).url), []);
  assert.deepEqual(keys(p({ source: 'container', image: 'a b' }).image), ['wizard.imageSpace']);
  assert.deepEqual(keys(p({ source: 'disk', pvcNamespace: 'a' }).pvc), ['wizard.pvcEmpty']);
  assert.deepEqual(keys(p({ source: 'pxe' }).source), ['wizard.pxeNoNads']);
  assert.deepEqual(keys(p({ source: 'pxe' }, { ...ctx, nads: ['lan'] }).source), []);
  const missing = p({}, { ...ctx, bootSource: { state: 'missing', ref: { namespace: 'o', name: 'fedora' } } }).source;
  assert.deepEqual(missing, [{ key: 'quick.sourceMissing', vars: { ref: 'o/fedora' } }]);
  assert.deepEqual(p({ source: 'url', url: 'http://x' }, { ...ctx, bootSource: { state: 'missing', ref: { namespace: 'o', name: 'f' } } }).source, [], 'another source needs no DataSource');
});

test('NICs: name a DNS label and unique, MAC form, one pod network; PXE needs a bridged NIC', () => {
  const { state } = start('vireo-tiny-server-small');
  const nic = newNic(state, ['lan']);
  const all = [...state.nics, nic];
  const p = (patch: Partial<typeof nic>) => nicProblems({ ...nic, ...patch }, all);
  assert.deepEqual(Object.values(p({})).flat(), []);
  assert.deepEqual(keys(p({ name: '' }).name), ['wizard.nicNameEmpty']);
  assert.deepEqual(keys(p({ name: 'Nic' }).name), ['wizard.nicNameChars']);
  assert.deepEqual(keys(p({ name: 'nic-' }).name), ['wizard.nicNameEnds']);
  assert.deepEqual(keys(p({ name: 'default' }).name), ['wizard.nicNameTaken']);
  assert.deepEqual(keys(p({ name: 'n'.repeat(64) }).name), ['wizard.nicNameTooLong']);
  assert.deepEqual(keys(p({ mac: '02:00:00:00:00' }).mac), ['wizard.macInvalid']);
  assert.deepEqual(keys(p({ mac: '02-00-00-00-00-0a' }).mac), []);
  assert.deepEqual(keys(p({ network: '' }).network), ['wizard.podNetworkTaken']);
  const pxe = { ...state, general: { ...state.general, source: 'pxe' as const } };
  assert.deepEqual(keys(networkingProblems(pxe).step), ['wizard.pxeNeedsNic']);
  assert.deepEqual(keys(networkingProblems({ ...pxe, nics: all }).step), []);
});

test('disks: seed 002\'s name rule (the API\'s), unique and not the cloud-init disk\'s; the source\'s fields', () => {
  const { state } = start('vireo-tiny-server-small');
  const d = { ...newDisk(state), size: { value: '1', unit: 'Gi' as const } };
  const p = (patch: Partial<typeof d>) => diskProblems({ ...d, ...patch }, [...state.disks, { ...d, ...patch }], ['cloudinitdisk']);
  assert.deepEqual(Object.values(p({})).flat(), []);
  for (const n of ['data.1', 'a', 'Data', '-a', 'a b', 'x'.repeat(254), '']) {
    assert.equal(p({ name: n }).name.length === 0, validateDiskName(n).length === 0, `agrees with the API on ${JSON.stringify(n)}`);
  }
  assert.deepEqual(keys(p({ name: 'rootdisk' }).name), ['wizard.diskNameTaken']);
  assert.deepEqual(keys(p({ name: 'cloudinitdisk' }).name), ['wizard.diskNameTaken']);
  assert.deepEqual(keys(p({ size: { value: '', unit: 'Gi' } }).size), ['wizard.sizeEmpty']);
  assert.deepEqual(keys(p({ source: 'pvc', size: { value: '', unit: 'Gi' } }).size), [], 'an existing claim has its own size');
  assert.deepEqual(keys(p({ source: 'url', url: 'nope' }).url), ['wizard.urlInvalid']);
  assert.deepEqual(keys(p({ source: 'registry', image: '' }).image), ['wizard.imageEmpty']);
  assert.deepEqual(keys(p({ source: 'clonePvc', pvcNamespace: 'x' }).pvc), ['wizard.pvcEmpty']);
  assert.deepEqual(keys(p({ type: 'cdrom', bus: 'virtio' }).bus), ['wizard.cdromVirtio']);
});

test('the bootable disk: needed when there are disks, not blank unless PXE', () => {
  const { state } = start('vireo-tiny-server-small');
  assert.deepEqual(storageProblems(state, []).step, []);
  assert.deepEqual(keys(storageProblems({ ...state, bootDisk: undefined }, []).step), ['wizard.bootDiskRequired']);
  const blank = withDisk(state, { ...newDisk(state), size: { value: '1', unit: 'Gi' } });
  const onBlank = { ...blank, bootDisk: blank.disks[1]!.id };
  assert.deepEqual(keys(storageProblems(onBlank, []).step), ['wizard.bootDiskBlank']);
  assert.deepEqual(keys(storageProblems(withSource(onBlank, 'pxe', state.disks[0]!), []).step), []);
});

test('Advanced: hostname a DNS label, SSH keys by line, a custom #cloud-config valid YAML', () => {
  const ci = { custom: false, hostname: 'web-01', sshKeys: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@h\n\nssh-rsa AAAAB3NzaC1yc2E=\n', script: '' };
  assert.deepEqual(Object.values(advancedProblems(ci)).flat(), []);
  assert.deepEqual(keys(advancedProblems({ ...ci, hostname: 'Web_01' }).hostname), ['wizard.hostnameChars']);
  assert.deepEqual(advancedProblems({ ...ci, sshKeys: 'ssh-ed25519 AAAA\nnot a key\nmy-key' }).sshKeys, [{ key: 'wizard.sshKeyInvalid', vars: { lines: '2, 3' } }]);
  assert.deepEqual(keys(advancedProblems({ ...ci, custom: true, hostname: 'X!', script: '#cloud-config\nfoo: [\n' }).script), ['wizard.scriptYaml']);
  assert.deepEqual(Object.values(advancedProblems({ ...ci, custom: true, script: '#!/bin/sh\n[[ x\n' })).flat(), [], 'a shell script is not YAML');
});

test('a step opens only when every step before it is complete', () => {
  const { state } = start('vireo-tiny-server-small');
  const c = { ...ctx, reservedDiskNames: ['cloudinitdisk'] };
  const ok = wizardProblems(state, c).ok;
  assert.deepEqual(ok, { general: true, networking: true, storage: true, advanced: true });
  const bad = wizardProblems({ ...state, general: { ...state.general, name: 'Bad.Name' } }, c).ok;
  assert.equal(bad.general, false);
  assert.equal(reachable(bad, 'general'), true);
  assert.equal(reachable(bad, 'networking'), false);
  assert.equal(reachable(bad, 'review'), false);
});
