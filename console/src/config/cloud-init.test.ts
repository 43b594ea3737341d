import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudInitOf, cloudInitOps, formUserData } from './cloud-init.ts';
import { guarded } from './json-patch.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { templateSpecOf } from './vm-view.ts';

test('reads the NoCloud user-data and its #cloud-config user, password and hostname', () => {
  const v = cloudInitOf(sampleVm());
  assert.equal(v?.kind, 'cloudInitNoCloud');
  assert.equal(v?.volume, 'cloudinitdisk');
  assert.deepEqual(v?.form, { user: 'fedora', password: 'abcd', hostname: '' });
});

test('a script that is not #cloud-config has no form; base64 user-data is decoded', () => {
  const vm = sampleVm();
  templateSpecOf(vm).volumes![3] = { name: 'cloudinitdisk', cloudInitNoCloud: { userDataBase64: btoa('#!/bin/sh\necho hi\n') } };
  const v = cloudInitOf(vm);
  assert.equal(v?.userData, '#!/bin/sh\necho hi\n');
  assert.equal(v?.form, undefined);
});

test('the form edits the document in place: other keys and chpasswd stay', () => {
  const base = '#cloud-config\nuser: fedora\npassword: abcd\nchpasswd: { expire: False }\npackages: [git]\n';
  const out = formUserData(base, { user: 'admin', password: 'xyz', hostname: 'web1' });
  assert.equal(out, '#cloud-config\nuser: admin\npassword: xyz\nchpasswd: { expire: False }\npackages: [ git ]\nhostname: web1\n');
  assert.equal(formUserData('', { user: 'u', password: 'p', hostname: '' }), '#cloud-config\nuser: u\npassword: p\nchpasswd:\n  expire: false\n');
  assert.equal(formUserData('#cloud-config\n', { user: 'u', password: '', hostname: 'h' }), '#cloud-config\nuser: u\nhostname: h\n');
  assert.equal(formUserData(base, { user: 'fedora', password: '', hostname: '' }), '#cloud-config\nuser: fedora\nchpasswd: { expire: False }\npackages: [ git ]\n');
});

test('cloudInitOps replaces the volume source; the API accepts the result', async () => {
  const vm = sampleVm();
  const ops = cloudInitOps(vm, { mode: 'form', user: 'fedora', password: 'abcd', hostname: 'web1' });
  assert.deepEqual(ops, [
    {
      op: 'replace',
      path: '/spec/template/spec/volumes/3/cloudInitNoCloud',
      value: { userData: '#cloud-config\nuser: fedora\npassword: abcd\nchpasswd: { expire: False }\nhostname: web1\n' },
    },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.equal(cloudInitOf(out)?.form?.hostname, 'web1');
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(cloudInitOps(vm, { mode: 'script', userData: cloudInitOf(vm)!.userData }), []);
});

test('a script replaces the user-data whole; an empty one removes the volume and its disk', async () => {
  const vm = sampleVm();
  const script = '#!/bin/sh\necho hello\n';
  assert.equal(cloudInitOf(patched(vm, cloudInitOps(vm, { mode: 'script', userData: script })))?.userData, script);
  const ops = cloudInitOps(vm, { mode: 'script', userData: '  ' });
  assert.deepEqual(ops, [
    { op: 'remove', path: '/spec/template/spec/domain/devices/disks/3' },
    { op: 'remove', path: '/spec/template/spec/volumes/3' },
  ]);
  const none = patched(vm, ops);
  assert.equal(cloudInitOf(none), undefined);
  assert.deepEqual(await admission(none), []);
  assert.deepEqual(cloudInitOps(none, { mode: 'script', userData: '' }), []);
});

test('a VM without cloud-init gets a NoCloud disk and volume', async () => {
  const vm = patched(sampleVm(), cloudInitOps(sampleVm(), { mode: 'script', userData: '' }));
  const ops = cloudInitOps(vm, { mode: 'form', user: 'cloud', password: '', hostname: '' });
  assert.deepEqual(ops, [
    { op: 'add', path: '/spec/template/spec/domain/devices/disks/-', value: { name: 'cloudinitdisk', disk: { bus: 'virtio' } } },
    { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nuser: cloud\n' } } },
  ]);
  assert.deepEqual(await admission(patched(vm, ops)), []);
});
