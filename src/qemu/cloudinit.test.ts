import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { buildNoCloudIso, CloudInitError, resolveCloudInitNoCloud, type SecretLike } from './cloudinit.ts';
import { withTempDir } from './testing.ts';

const run = promisify(execFile);
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('NoCloud ISO: label cidata, files readable by name', async () => {
  await withTempDir(async (dir) => {
    const iso = join(dir, 'cloudinit.iso');
    const userData = '#cloud-config\nuser: cloud-user\npassword: secret\nchpasswd: { expire: False }\n';
    await buildNoCloudIso(iso, {
      userData,
      metaData: { instanceId: 'rhel9.vms', localHostname: 'rhel9' },
      networkData: 'version: 2\nethernets: {}\n',
    });
    const { stdout: d } = await run('isoinfo', ['-d', '-i', iso]);
    assert.match(d, /^Volume id: cidata$/m);
    const get = async (name: string) => (await run('isoinfo', ['-R', '-i', iso, '-x', `/${name}`])).stdout;
    assert.equal(await get('user-data'), userData);
    assert.equal(await get('meta-data'), 'instance-id: rhel9.vms\nlocal-hostname: rhel9\n');
    assert.equal(await get('network-config'), 'version: 2\nethernets: {}\n');
    // Joliet names too (what Windows' cloudbase-init reads).
    const { stdout: j } = await run('isoinfo', ['-J', '-f', '-i', iso]);
    assert.deepEqual(j.trim().split('\n').sort(), ['/meta-data', '/network-config', '/user-data']);
    // Nothing left behind but the ISO.
    assert.deepEqual(readdirSync(dir), ['cloudinit.iso']);
  });
});

test('NoCloud ISO: user-data is present even when empty; no network-config unless given', async () => {
  await withTempDir(async (dir) => {
    const iso = join(dir, 'ci.iso');
    await buildNoCloudIso(iso, { metaData: { instanceId: 'a', localHostname: 'a' } });
    const { stdout } = await run('isoinfo', ['-R', '-f', '-i', iso]);
    assert.deepEqual(stdout.trim().split('\n').sort(), ['/meta-data', '/user-data']);
  });
});

test('NoCloud ISO: failure leaves no partial file', async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(buildNoCloudIso(join(dir, 'missing-dir', 'x.iso'), { metaData: { instanceId: 'a', localHostname: 'a' } }));
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('cloudInitNoCloud: every source form', async () => {
  const secrets: Record<string, SecretLike> = {
    'user-secret': { data: { userdata: b64('#cloud-config\nfrom: secret\n') } },
    'camel-secret': { data: { userData: b64('camel') } },
    'net-secret': { data: { networkData: b64('version: 2\n') } },
    'string-secret': { stringData: { networkdata: 'plain net' } },
  };
  const get = async (n: string) => secrets[n];
  const r = (src: object) => resolveCloudInitNoCloud({ name: 'cloudinitdisk', cloudInitNoCloud: src }, get);

  assert.deepEqual(await r({ userData: 'u' }), { userData: 'u', networkData: undefined });
  assert.deepEqual(await r({ userDataBase64: b64('ü') }), { userData: 'ü', networkData: undefined });
  assert.equal((await r({ secretRef: { name: 'user-secret' } })).userData, '#cloud-config\nfrom: secret\n');
  assert.equal((await r({ userDataSecretRef: { name: 'camel-secret' } })).userData, 'camel');
  assert.deepEqual(await r({ userData: 'u', networkDataSecretRef: { name: 'net-secret' } }), { userData: 'u', networkData: 'version: 2\n' });
  assert.equal((await r({ networkDataSecretRef: { name: 'string-secret' } })).networkData, 'plain net');
  assert.equal((await r({ networkData: 'n' })).networkData, 'n');
  assert.equal((await r({ userData: 'u', networkDataBase64: b64('nb') })).networkData, 'nb');
});

test('cloudInitNoCloud: clear errors', async () => {
  const get = async (n: string): Promise<SecretLike | undefined> => (n === 'empty' ? { data: { other: '' } } : undefined);
  const r = (src: object) => resolveCloudInitNoCloud({ name: 'ci', cloudInitNoCloud: src }, get);
  const err = (re: RegExp) => (e: unknown) => e instanceof CloudInitError && re.test(e.message);
  await assert.rejects(r({}), err(/volume "ci" cloudInitNoCloud: needs userData/));
  await assert.rejects(r({ userData: 'a', userDataBase64: b64('a') }), err(/set only one of userData, userDataBase64 and userDataSecretRef/));
  await assert.rejects(r({ userDataBase64: 'not base64!' }), err(/userDataBase64 is not valid base64/));
  await assert.rejects(r({ secretRef: { name: 'gone' } }), err(/secret "gone" not found/));
  await assert.rejects(r({ secretRef: { name: 'empty' } }), err(/secret "empty" has no userdata or userData key/));
});

test('NoCloud ISO: SSH keys (accessCredentials) as meta-data public-keys, each on one line', async () => {
  await withTempDir(async (dir) => {
    const iso = join(dir, 'ci.iso');
    const rsa = `ssh-rsa ${'A'.repeat(372)} long@host`;
    await buildNoCloudIso(iso, { metaData: { instanceId: 'a', localHostname: 'a', publicKeys: ['ssh-ed25519 AAAA one@host', rsa] } });
    const { stdout } = await run('isoinfo', ['-R', '-i', iso, '-x', '/meta-data']);
    assert.equal(stdout, `instance-id: a\nlocal-hostname: a\npublic-keys:\n  - ssh-ed25519 AAAA one@host\n  - ${rsa}\n`);
  });
});
