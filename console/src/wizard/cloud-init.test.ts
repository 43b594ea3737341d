import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCloudInit, cloudInitUserData, userDataOf } from './cloud-init.ts';
import type { CloudInitState } from './state.ts';
import { start } from './wizard.fixture.ts';

const form = (hostname: string, sshKeys = ''): CloudInitState => ({ custom: false, hostname, sshKeys, script: '' });
const BASE = '#cloud-config\nuser: vireo\npassword: abcd-efgh-ijkl\nchpasswd: { expire: False }\n';

test('the form sets hostname and ssh_authorized_keys in the template\'s #cloud-config, keeping the rest', () => {
  assert.equal(
    cloudInitUserData(BASE, form('web01', 'ssh-ed25519 AAAAC3Nza me@host\n\n ssh-rsa AAAAB3Nza other\n')),
    `${BASE}hostname: web01\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza me@host\n  - ssh-rsa AAAAB3Nza other\n`,
  );
  assert.equal(cloudInitUserData(BASE, form('')), BASE, 'untouched: exactly as the template wrote it');
  assert.equal(cloudInitUserData(`${BASE}hostname: old\n`, form('')), BASE, 'a cleared hostname goes');
  assert.equal(cloudInitUserData(undefined, form('')), undefined, 'nothing to say: no cloud-init');
  assert.equal(cloudInitUserData(undefined, form('h')), '#cloud-config\nhostname: h\n');
  assert.equal(cloudInitUserData('#!/bin/sh\necho\n', form('h')), '#cloud-config\nhostname: h\n', 'the form replaces a script it cannot show');
});

test('a custom script replaces the user-data whole; an empty one means none', () => {
  assert.equal(cloudInitUserData(BASE, { ...form('ignored'), custom: true, script: '#!/bin/sh\necho hi\n' }), '#!/bin/sh\necho hi\n');
  assert.equal(cloudInitUserData(BASE, { ...form(''), custom: true, script: '  \n' }), undefined);
});

test('on the VM: the volume\'s user-data, spec.hostname, and the disk added or removed', () => {
  const { base, state } = start('vireo-tiny-server-small');
  applyCloudInit(base, { ...state, cloudInit: form('wizard-host') });
  const spec = base.spec.template.spec;
  assert.equal(spec.hostname, 'wizard-host', 'meta-data local-hostname agrees');
  assert.match(userDataOf(spec.volumes?.find((v) => v.name === 'cloudinitdisk')) ?? '', /^#cloud-config\nuser: vireo\n[^]*hostname: wizard-host\n$/);

  applyCloudInit(base, { ...state, cloudInit: { ...form(''), custom: true, script: '' } });
  assert.equal(spec.hostname, undefined);
  assert.equal(spec.volumes?.some((v) => v.name === 'cloudinitdisk'), false);
  assert.equal(spec.domain.devices?.disks?.some((d) => d.name === 'cloudinitdisk'), false);

  const win = start('windows2k22-server-medium').base;
  applyCloudInit(win, { ...state, cloudInit: form('win01') });
  assert.deepEqual(win.spec.template.spec.volumes?.at(-1), { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nhostname: win01\n' } });
  assert.deepEqual(win.spec.template.spec.domain.devices?.disks?.at(-1), { name: 'cloudinitdisk', disk: { bus: 'virtio' } });
});

test('base64 user-data is read, and written back as plain userData', () => {
  const { base, state } = start('vireo-tiny-server-small');
  const vol = base.spec.template.spec.volumes!.find((v) => v.name === 'cloudinitdisk')!;
  vol.cloudInitNoCloud = { userDataBase64: Buffer.from(BASE).toString('base64') };
  assert.equal(userDataOf(vol), BASE);
  applyCloudInit(base, { ...state, cloudInit: form('h2') });
  assert.deepEqual(Object.keys(vol.cloudInitNoCloud ?? {}), ['userData']);
});
