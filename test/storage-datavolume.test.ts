// End to end for storage: the built-in classes, DataVolumes importing the test guest's disk over
// HTTP (qcow2, raw.xz, raw.gz) and HTTPS (own CA in certConfigMap, basic auth from secretRef) from
// servers on loopback, blank and clone DataVolumes, a plain claim provisioned and cleaned up, the
// failure cases (404, wrong password, untrusted CA, truncated image, image too large) each with a
// clear one-line reason and no disk.img, and a VM from dataVolumeTemplates that provisions, boots
// from the imported disk and prints the guest's marker.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { ensureTls } from '../src/apiserver/tls.ts';
import { R } from '../src/client/resources.ts';
import { usableBytes } from '../src/controllers/storage/protocol.ts';
import { TEST_NODE, startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { makeKubectl } from './support/kubectl.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const USER = 'importer';
const PASSWORD = 's3cret';
const MiB = 1024 * 1024;

let tcp: TestControlPlane;
let kubectl: ReturnType<typeof makeKubectl>;
let files: string;
let httpUrl: string;
let httpsUrl: string;
let caPem: string;
const servers: http.Server[] = [];

/** Serves `files` with Content-Length; with `auth`, only to basic-auth USER:PASSWORD. */
function handler(auth: boolean): http.RequestListener {
  return (req, res) => {
    if (auth && req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="images"' }).end();
      return;
    }
    // /slow/…: the same file trickled out over ~3 s, so progress and Provisioning can be watched.
    const slow = req.url?.startsWith('/slow/');
    const path = join(files, (req.url ?? '/').replace(/^\/+(slow\/)?/, ''));
    if (!existsSync(path) || req.url?.includes('..')) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Length': statSync(path).size, 'Content-Type': 'application/octet-stream' });
    const data = readFileSync(path);
    if (!slow) return void res.end(data);
    const step = Math.ceil(data.length / 15);
    let at = 0;
    const timer = setInterval(() => {
      res.write(data.subarray(at, (at += step)));
      if (at >= data.length) {
        clearInterval(timer);
        res.end();
      }
    }, 200);
    res.on('close', () => clearInterval(timer));
  };
}

async function listen(s: http.Server): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

function dvManifest(name: string, source: Record<string, unknown>, size = '128Mi', storageClassName?: string): DataVolume {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: { source, storage: { resources: { requests: { storage: size } }, ...(storageClassName ? { storageClassName } : {}) } },
  } as DataVolume;
}

const getDv = (name: string) => tcp.client.tryGet<DataVolume>(R.datavolumes, NS, name);

async function finished(name: string, timeoutMs = 120_000): Promise<DataVolume> {
  return waitFor(`DataVolume ${name} to finish`, timeoutMs, async () => {
    const dv = await getDv(name);
    return dv?.status?.phase === 'Succeeded' || dv?.status?.phase === 'Failed' ? dv : undefined;
  }, 200);
}

const message = (dv: DataVolume) => dv.status?.conditions?.find((c) => c.type === 'Running')?.message ?? '';

/** The claim's PV and its directory on the test node. */
async function volumeOf(claim: string): Promise<{ pvc: PersistentVolumeClaim; pv: PersistentVolume; dir: string }> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return { pvc, pv, dir: pv.spec?.local?.path ?? pv.spec!.hostPath!.path };
}

function imgInfo(path: string): { format: string; 'virtual-size': number } {
  return JSON.parse(execFileSync('qemu-img', ['info', '--output=json', path]).toString()) as { format: string; 'virtual-size': number };
}

async function importOk(name: string, source: Record<string, unknown>): Promise<void> {
  await tcp.client.create(R.datavolumes, NS, dvManifest(name, source));
  const dv = await finished(name);
  assert.equal(dv.status?.phase, 'Succeeded', `${name}: ${message(dv)}`);
  assert.equal(dv.status?.progress, '100.0%');
  assert.equal(dv.status?.claimName, name);
  assert.equal(dv.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  const { pvc, pv, dir } = await volumeOf(name);
  assert.equal(pvc.status?.phase, 'Bound');
  assert.equal(pv.status?.phase, 'Bound');
  assert.deepEqual(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0].values, [TEST_NODE]);
  const info = imgInfo(join(dir, 'disk.img'));
  assert.equal(info.format, 'raw');
  assert.equal(info['virtual-size'], usableBytes(128 * MiB));
  // The guest's content came through: its first 64 MiB equal the source image converted to raw.
  execFileSync('cmp', ['-n', String(64 * MiB), join(dir, 'disk.img'), join(files, 'disk.raw')]);
}

async function importFails(name: string, source: Record<string, unknown>, pattern: RegExp, size?: string): Promise<void> {
  await tcp.client.create(R.datavolumes, NS, dvManifest(name, source, size));
  const dv = await finished(name);
  assert.equal(dv.status?.phase, 'Failed', `${name} should fail`);
  const msg = message(dv);
  assert.match(msg, pattern);
  assert.doesNotMatch(msg, /\n/);
  const { dir } = await volumeOf(name);
  assert.equal(existsSync(join(dir, 'disk.img')), false, `${name}: no disk.img after a failure`);
  const events = await tcp.client.list<{ reason: string; message: string; involvedObject: { name: string } } & import('../src/machinery/object.ts').KubeObject>(R.events, NS);
  assert.ok(events.items.some((e) => e.involvedObject.name === name && e.reason === 'ErrImportFailed' && e.message === msg), `${name}: ErrImportFailed event`);
}

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  files = mkdtempSync(join(tmpdir(), 'vireo-images-'));
  copyFileSync(join(guestDir, 'disk.qcow2'), join(files, 'disk.qcow2'));
  execFileSync('qemu-img', ['convert', '-O', 'raw', join(files, 'disk.qcow2'), join(files, 'disk.raw')]);
  execFileSync('sh', ['-c', `xz -1 -T0 -k -c disk.raw > disk.raw.xz && gzip -1 -c disk.raw > disk.raw.gz`], { cwd: files });
  const qcow = readFileSync(join(files, 'disk.qcow2'));
  writeFileSync(join(files, 'truncated.qcow2'), qcow.subarray(0, Math.floor(qcow.length / 2)));
  writeFileSync(join(files, 'truncated.raw.xz'), readFileSync(join(files, 'disk.raw.xz')).subarray(0, 100_000));
  httpUrl = `http://127.0.0.1:${await listen(http.createServer(handler(false)))}`;
  const tls = ensureTls(mkdtempSync(join(tmpdir(), 'vireo-images-pki-')), ['127.0.0.1']);
  caPem = tls.caPem;
  httpsUrl = `https://127.0.0.1:${await listen(https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler(true)))}`;
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  kubectl = makeKubectl(tcp.kubeconfig);
  await tcp.client.create(R.configmaps, NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'images-ca', namespace: NS }, data: { 'ca.pem': caPem } });
  const secret = (name: string, pw: string) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: NS, labels: { app: 'containerized-data-importer' } },
    type: 'Opaque',
    data: { accessKeyId: Buffer.from(USER).toString('base64'), secretKey: Buffer.from(pw).toString('base64') },
  });
  await tcp.client.create(R.secrets, NS, secret('endpoint-secret', PASSWORD));
  await tcp.client.create(R.secrets, NS, secret('wrong-secret', 'nope'));
});

after(async () => {
  await tcp?.stop();
  for (const s of servers) s.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('storage classes and DataVolumes', { timeout: 600_000 }, () => {
  it('provides the local (default) and shared classes', async () => {
    const r = await kubectl(['get', 'storageclass']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^local \(default\)\s+vireo\.io\/local\s+Delete\s+WaitForFirstConsumer\s+true/m);
    assert.match(r.stdout, /^shared\s+vireo\.io\/shared\s+Delete\s+Immediate\s+true/m);
    const node = await tcp.client.get(R.nodes, undefined, TEST_NODE);
    assert.equal(node.metadata.annotations?.['vireo.io/volume-root'], join(tcp.dataDir, 'volumes'));
  });

  it('imports a qcow2 over HTTP into a raw disk.img of the usable size, shown by kubectl get dv', async () => {
    await importOk('import-qcow2', { http: { url: `${httpUrl}/disk.qcow2` } });
    const r = await kubectl(['get', 'dv', 'import-qcow2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+PHASE\s+PROGRESS\s+RESTARTS\s+AGE$/m);
    assert.match(r.stdout, /^import-qcow2\s+Succeeded\s+100\.0%\s+0\s+/m);
    const pvcs = await kubectl(['get', 'pvc', 'import-qcow2']);
    assert.match(pvcs.stdout, /^import-qcow2\s+Bound\s+pvc-[0-9a-f-]+\s+128Mi\s+RWO\s+local/m);
    const events = await kubectl(['get', 'events', '--field-selector', 'involvedObject.name=import-qcow2']);
    assert.match(events.stdout, /ImportSucceeded/);
  });

  it('imports raw.xz and raw.gz, decompressing by content', async () => {
    await Promise.all([importOk('import-xz', { http: { url: `${httpUrl}/disk.raw.xz` } }), importOk('import-gz', { http: { url: `${httpUrl}/disk.raw.gz` } })]);
  });

  it('imports over HTTPS with the CA from certConfigMap and basic auth from secretRef', async () => {
    await importOk('import-https', { http: { url: `${httpsUrl}/disk.qcow2`, certConfigMap: 'images-ca', secretRef: 'endpoint-secret' } });
  });

  it('fails clearly: 404, wrong password, untrusted CA, truncated images, image larger than the request', async () => {
    await Promise.all([
      importFails('fail-404', { http: { url: `${httpUrl}/missing.qcow2` } }, /HTTP 404 .*missing\.qcow2/),
      importFails('fail-401', { http: { url: `${httpsUrl}/disk.qcow2`, certConfigMap: 'images-ca', secretRef: 'wrong-secret' } }, /401.*unauthorized/i),
      importFails('fail-tls', { http: { url: `${httpsUrl}/disk.qcow2`, secretRef: 'endpoint-secret' } }, /TLS error .*certConfigMap/),
      importFails('fail-truncated', { http: { url: `${httpUrl}/truncated.qcow2` } }, /corrupt or truncated qcow2/),
      importFails('fail-truncated-xz', { http: { url: `${httpUrl}/truncated.raw.xz` } }, /xz decompression failed/),
      importFails('fail-too-large', { http: { url: `${httpUrl}/disk.qcow2` } }, /virtual size 64Mi \(67108864 bytes\) is larger than the available size 60Mi \(62914560 bytes\) \(requested 64Mi/, '64Mi'),
    ]);
  });

  it('creates a blank disk and clones a volume on the same node', async () => {
    await tcp.client.create(R.datavolumes, NS, dvManifest('blank', { blank: {} }, '1Gi'));
    await tcp.client.create(R.datavolumes, NS, dvManifest('clone', { pvc: { name: 'import-qcow2', namespace: NS } }, '256Mi'));
    const [blank, clone] = await Promise.all([finished('blank'), finished('clone')]);
    assert.equal(blank.status?.phase, 'Succeeded', message(blank));
    const b = await volumeOf('blank');
    assert.equal(imgInfo(join(b.dir, 'disk.img'))['virtual-size'], usableBytes(1024 * MiB));
    assert.ok(statSync(join(b.dir, 'disk.img')).blocks * 512 < MiB, 'a blank disk is sparse');
    assert.equal(clone.status?.phase, 'Succeeded', message(clone));
    const c = await volumeOf('clone');
    assert.equal(imgInfo(join(c.dir, 'disk.img'))['virtual-size'], usableBytes(256 * MiB));
    execFileSync('cmp', ['-n', String(64 * MiB), join(c.dir, 'disk.img'), join(files, 'disk.raw')]);
  });

  it('provisions a plain shared claim with an empty disk.img and removes the files with the claim', async () => {
    await tcp.client.create(R.pvcs, NS, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'scratch', namespace: NS },
      spec: { accessModes: ['ReadWriteMany'], storageClassName: 'shared', resources: { requests: { storage: '100Mi' } } },
    });
    const dir = await waitFor('the shared claim to be bound with a disk', 30_000, async () => {
      const pvc = await tcp.client.tryGet<PersistentVolumeClaim>(R.pvcs, NS, 'scratch');
      if (pvc?.status?.phase !== 'Bound') return undefined;
      const { pv, dir } = await volumeOf('scratch');
      assert.equal(pv.spec?.hostPath?.path.startsWith(join(tcp.dataDir, 'shared')), true);
      return existsSync(join(dir, 'disk.img')) ? dir : undefined;
    });
    assert.equal(imgInfo(join(dir, 'disk.img'))['virtual-size'], usableBytes(100 * MiB));
    const pvName = (await volumeOf('scratch')).pv.metadata.name!;
    await tcp.client.delete(R.pvcs, NS, 'scratch');
    await waitFor('the PV and its files to go', 30_000, async () => !(await tcp.client.tryGet(R.pvs, undefined, pvName)) && !existsSync(dir));
  });

  it('starts a VM from dataVolumeTemplates once its DataVolume is imported, and the guest boots', async () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm-fedora-datavolume', namespace: NS, labels: { 'kubevirt.io/vm': 'vm-fedora-datavolume' } },
      spec: {
        dataVolumeTemplates: [
          {
            metadata: { name: 'fedora-dv' },
            spec: {
              storage: { resources: { requests: { storage: '128Mi' } }, storageClassName: 'local' },
              source: { http: { url: `${httpsUrl}/slow/disk.qcow2`, secretRef: 'endpoint-secret', certConfigMap: 'images-ca' } },
            },
          },
        ],
        running: true,
        template: {
          metadata: { labels: { 'kubevirt.io/vm': 'vm-fedora-datavolume' } },
          spec: {
            domain: { devices: { disks: [{ name: 'datavolumedisk1', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '128Mi' } } },
            terminationGracePeriodSeconds: 0,
            volumes: [{ name: 'datavolumedisk1', dataVolume: { name: 'fedora-dv' } }],
          },
        },
      },
    };
    await tcp.client.create(R.vms, NS, vm);
    const seen = new Set<string>();
    const progress = new Set<string>();
    const running = await waitFor('the VM to run', 180_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachine>(R.vms, NS, 'vm-fedora-datavolume');
      if (v?.status?.printableStatus) seen.add(v.status.printableStatus);
      if (v?.status?.printableStatus === 'Running') return v;
      // No VMI before the DataVolume has succeeded.
      const dv = await getDv('fedora-dv');
      if (dv?.status?.phase === 'ImportInProgress') progress.add(dv.status.progress ?? '');
      if (dv?.status?.phase !== 'Succeeded') assert.equal(await tcp.client.tryGet(R.vmis, NS, 'vm-fedora-datavolume'), undefined);
      return undefined;
    }, 100);
    assert.ok(seen.has('Provisioning'), `printableStatus went through Provisioning (saw ${[...seen].join(', ')})`);
    assert.ok([...progress].some((p) => /^(?!0\.00%)\d{1,2}\.\d\d%$/.test(p)), `progress moved during the import (saw ${[...progress].join(', ')})`);
    const dv = await getDv('fedora-dv');
    assert.equal(dv?.metadata.ownerReferences?.[0]?.uid, running.metadata.uid);
    const vmi = (await tcp.client.get<VirtualMachineInstance>(R.vmis, NS, 'vm-fedora-datavolume')) as VirtualMachineInstance;
    const log = join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.log');
    await waitFor('VIREO-GUEST-READY on the serial console', 120_000, () => existsSync(log) && /VIREO-GUEST-READY/.test(readFileSync(log, 'latin1')), 500);
  });
});
