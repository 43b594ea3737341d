import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { UserDataKeysError, mergeSshKeys } from './user-data-keys.ts';

const K1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFx1 one@host';
const K2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFx2 two@host';
const RSA = `ssh-rsa ${'A'.repeat(372)} long@host`;

test('a #cloud-config without ssh_authorized_keys gets the list; comments and the header stay', () => {
  const out = mergeSshKeys('#cloud-config\n#vireo-run: echo hi\nuser: fedora # the default user\n', [K1, K2])!;
  assert.ok(out.startsWith('#cloud-config\n#vireo-run: echo hi\n'), out);
  assert.match(out, /user: fedora # the default user/);
  assert.deepEqual(parse(out), { user: 'fedora', ssh_authorized_keys: [K1, K2] });
});

test('an existing ssh_authorized_keys list is extended, keys already there not repeated', () => {
  const out = mergeSshKeys(`#cloud-config\nssh_authorized_keys:\n  - ${K1}\nruncmd:\n  - [echo, hi]\n`, [K1, K2])!;
  assert.deepEqual(parse(out), { ssh_authorized_keys: [K1, K2], runcmd: [['echo', 'hi']] });
});

test('a header-only user-data and an empty ssh_authorized_keys both work', () => {
  assert.deepEqual(parse(mergeSshKeys('#cloud-config\n', [K1])!), { ssh_authorized_keys: [K1] });
  assert.deepEqual(parse(mergeSshKeys('#cloud-config\nssh_authorized_keys:\n', [K1])!), { ssh_authorized_keys: [K1] });
});

test('a long RSA key stays on one line', () => {
  const out = mergeSshKeys('#cloud-config\n', [RSA])!;
  assert.ok(out.split('\n').includes(`  - ${RSA}`), out);
});

test('scripts and other user-data formats are left alone (keys go through meta-data); no keys, no change', () => {
  const script = '#!/bin/sh\necho hi\n';
  assert.equal(mergeSshKeys(script, [K1]), script);
  assert.equal(mergeSshKeys(undefined, [K1]), undefined);
  const cfg = '#cloud-config\n# just a comment\n';
  assert.equal(mergeSshKeys(cfg, []), cfg);
});

test('user-data that cannot take the keys is refused with a reason', () => {
  assert.throws(() => mergeSshKeys('#cloud-config\nusers: [a\n', [K1]), (e: Error) => e instanceof UserDataKeysError && /not valid YAML/.test(e.message));
  assert.throws(() => mergeSshKeys('#cloud-config\n- a\n- b\n', [K1]), /not a YAML mapping/);
  assert.throws(() => mergeSshKeys(`#cloud-config\nssh_authorized_keys: ${K1}\n`, [K2]), /ssh_authorized_keys is not a list/);
});
