// End to end for registries: Debian's docker-registry on loopback (plain HTTP, and TLS with
// htpasswd basic auth) holding the tiny test guest pushed as a KubeVirt containerDisk. DataVolumes
// with a `registry` source import it (through an index to linux/amd64, with secretRef and
// certConfigMap) into a disk.img equal to the source; a wrong tag, a wrong password, an untrusted
// CA and a plain-HTTP registry that HyperConverged does not list each fail in one clear line with
// no disk.img; listed, the plain registry works. VMs whose containerDisk names the registry pull it
// once into the node's cache (two VMs, one blob download) and boot; a missing image is ErrImagePull.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { usableBytes } from '../src/controllers/storage/protocol.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { qemuPids } from './support/guests.ts';
import { startRegistry, type TestRegistry } from './support/registry.ts';
import { pushContainerDisk } from './support/registry-push.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const AUTH = { user: 'puller', password: 'pull-s3cret' };
const MiB = 1024 * 1024;

let tcp: TestControlPlane;
let plain: TestRegistry;
let secure: TestRegistry;
let files: string;
let tinyDigest: string;

const secret = (name: string, password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: NS },
  type: 'Opaque',
  data: { accessKeyId: Buffer.from(AUTH.user).toString('base64'), secretKey: Buffer.from(password).toString('base64') },
});

function dv(name: string, registry: Record<string, string>): DataVolume {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: { source: { registry }, storage: { resources: { requests: { storage: '128Mi' } } } },
  } as DataVolume;
}

async function finished(name: string): Promise<DataVolume> {
  return waitFor(`DataVolume ${name} to finish`, 120_000, async () => {
    const d = await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, name);
    return d?.status?.phase === 'Succeeded' || d?.status?.phase === 'Failed' ? d : undefined;
  }, 200);
}

const message = (d: DataVolume) => d.status?.conditions?.find((c) => c.type === 'Running')?.message ?? '';

async function volumeDir(claim: string): Promise<string> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return pv.spec?.local?.path ?? pv.spec!.hostPath!.path;
}

async function importOk(name: string, registry: Record<string, string>, source = join(files, 'disk.raw')): Promise<void> {
  await tcp.client.create(R.datavolumes, NS, dv(name, registry));
  const d = await finished(name);
  assert.equal(d.status?.phase, 'Succeeded', `${name}: ${message(d)}`);
  assert.equal(d.status?.progress, '100.0%');
  const disk = join(await volumeDir(name), 'disk.img');
  const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', disk]).toString()) as { format: string; 'virtual-size': number };
  assert.equal(info.format, 'raw');
  assert.equal(info['virtual-size'], usableBytes(128 * MiB));
  // The guest's 64 MiB disk came through byte for byte.
  execFileSync('cmp', ['-n', String(64 * MiB), disk, source]);
}

async function importFails(name: string, registry: Record<string, string>, pattern: RegExp): Promise<string> {
  await tcp.client.create(R.datavolumes, NS, dv(name, registry));
  const d = await finished(name);
  const msg = message(d);
  assert.equal(d.status?.phase, 'Failed', `${name} should fail`);
  assert.match(msg, pattern);
  assert.doesNotMatch(msg, /\n/);
  assert.equal(existsSync(join(await volumeDir(name), 'disk.img')), false, `${name}: no disk.img after a failure`);
  const events = await tcp.client.list<KubeObject & { reason: string; message: string; involvedObject: { name: string } }>(R.events, NS);
  assert.ok(events.items.some((e) => e.involvedObject.name === name && e.reason === 'ErrImportFailed' && e.message === msg), `${name}: ErrImportFailed event`);
  return msg;
}

async function listInsecure(hosts: string[]): Promise<void> {
  await tcp.client.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, { spec: { storageImport: { insecureRegistries: hosts } } });
}

const blobGets = (reg: TestRegistry) => reg.requests().filter((r) => /^GET \/v2\/tiny\/blobs\/sha256:/.test(r)).length;

/** runStrategy Once: a failed VMI stays for the test to read instead of being restarted. */
function vm(name: string, image: string): KubeObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy: 'Once',
      template: {
        spec: {
          terminationGracePeriodSeconds: 0,
          domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
          volumes: [{ name: 'root', containerDisk: { image } }],
        },
      },
    },
  } as KubeObject;
}

async function vmiSettled(name: string): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name} to run or fail`, 90_000, async () => {
    const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
    return v?.status?.phase === 'Running' || v?.status?.phase === 'Failed' ? v : undefined;
  }, 200);
}

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  files = mkdtempSync(join(tmpdir(), 'vireo-regimages-'));
  copyFileSync(join(guestDir, 'disk.qcow2'), join(files, 'disk.qcow2'));
  execFileSync('qemu-img', ['convert', '-O', 'raw', join(files, 'disk.qcow2'), join(files, 'disk.raw')]);
  [plain, secure] = await Promise.all([startRegistry(), startRegistry({ tls: true, auth: AUTH })]);
  tinyDigest = await pushContainerDisk(plain, 'tiny', 'latest', join(files, 'disk.qcow2'));
  // Docker media types under a manifest list, next to a decoy arm64 image; and a raw disk in a plain tar.
  await pushContainerDisk(secure, 'tiny', 'v1', join(files, 'disk.qcow2'), { index: true, docker: true });
  await pushContainerDisk(secure, 'tiny-raw', 'v1', join(files, 'disk.raw'), { gzip: false, diskName: 'tiny.raw' });
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  await tcp.client.create(R.configmaps, NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'registry-ca', namespace: NS }, data: { 'ca.crt': secure.caPem! } });
  await tcp.client.create(R.secrets, NS, secret('registry-secret', AUTH.password));
  await tcp.client.create(R.secrets, NS, secret('registry-wrong', 'nope'));
});

after(async () => {
  await tcp?.stop();
  await Promise.all([plain?.stop(), secure?.stop()]);
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('registry imports and containerDisks from a registry', { timeout: 600_000 }, () => {
  it('imports from a TLS registry with basic auth: index → linux/amd64 qcow2, and a raw disk in a plain tar layer', async () => {
    const auth = { secretRef: 'registry-secret', certConfigMap: 'registry-ca' };
    await Promise.all([importOk('reg-qcow2', { url: `docker://${secure.host}/tiny:v1`, ...auth }), importOk('reg-raw', { url: `docker://${secure.host}/tiny-raw:v1`, ...auth })]);
  });

  it('fails clearly: unknown tag, wrong password, untrusted CA, no credentials', async () => {
    await Promise.all([
      importFails('reg-no-tag', { url: `docker://${secure.host}/tiny:v9`, secretRef: 'registry-secret', certConfigMap: 'registry-ca' }, /tiny:v9: manifest unknown/),
      importFails('reg-bad-pw', { url: `docker://${secure.host}/tiny:v1`, secretRef: 'registry-wrong', certConfigMap: 'registry-ca' }, /refused the credentials \(set secretRef/),
      importFails('reg-no-creds', { url: `docker://${secure.host}/tiny:v1`, certConfigMap: 'registry-ca' }, /unauthorized: the registry wants credentials; set secretRef/),
      importFails('reg-untrusted', { url: `docker://${secure.host}/tiny:v1`, secretRef: 'registry-secret' }, /TLS error from registry 127\.0\.0\.1:\d+: .*certConfigMap/),
    ]);
  });

  it('refuses a plain-HTTP registry until HyperConverged lists it in insecureRegistries', async () => {
    const msg = await importFails('reg-http', { url: `docker://${plain.host}/tiny:latest` }, /does not speak HTTPS.*HyperConverged spec\.insecureRegistries/);
    assert.ok(msg.includes(plain.host), msg);
    await listInsecure([plain.host]);
    await importOk('reg-http-listed', { url: `docker://${plain.host}/tiny:latest` });
  });

  it('boots VMs from a containerDisk in the registry, pulled once into the node cache; a missing image is ErrImagePull', async () => {
    await listInsecure([plain.host]);
    await tcp.client.create(R.vms, NS, vm('reg-vm-missing', `${plain.host}/tiny:nope`));
    const missing = await vmiSettled('reg-vm-missing');
    assert.equal(missing.status?.phase, 'Failed');
    assert.equal(missing.status?.reason, 'ErrImagePull');
    const ready = missing.status?.conditions?.find((c) => c.type === 'Ready');
    assert.match(ready?.message ?? '', /tiny:nope" not found in the node's store .* and not pulled: .*tiny:nope: manifest unknown/);
    assert.deepEqual(qemuPids(missing.metadata.uid!), []);
    const image = `${plain.host}/tiny:latest`;
    const blobsBefore = blobGets(plain);
    await Promise.all(['reg-vm-a', 'reg-vm-b'].map((n) => tcp.client.create(R.vms, NS, vm(n, image))));
    const [a, b] = await Promise.all([vmiSettled('reg-vm-a'), vmiSettled('reg-vm-b')]);
    for (const v of [a, b]) assert.equal(v.status?.phase, 'Running', JSON.stringify(v.status?.conditions));
    assert.equal(blobGets(plain) - blobsBefore, 1, 'two VMs, one layer download');
    const cached = readdirSync(join(tcp.dataDir, 'image-cache', 'registry')).filter((f) => f.startsWith('sha256-'));
    assert.deepEqual(cached, [tinyDigest.replace(':', '-')]);

    const log = join(tcp.dataDir, 'vmis', a.metadata.uid!, 'serial.log');
    await waitFor('VIREO-GUEST-READY on the serial console', 90_000, () => existsSync(log) && /VIREO-GUEST-READY/.test(readFileSync(log, 'latin1')), 500);
  });
});
