// End to end for uploads (CDI's upload path): `vireo image-upload` of the tiny guest's qcow2 and of
// a gzip'ed raw image into DataVolumes and a plain claim, each disk.img compared with the source by
// `qemu-img compare`; the form URL; a VM booting from an uploaded DataVolume; an upload cut off half way, which
// leaves the DataVolume UploadReady with no disk.img, and its retry; bad tokens refused with 401;
// images too large for the requested size refused with both sizes; the CLI's clear errors.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const NS = 'default';

let tcp: TestControlPlane;
let files: string;
let qcow2: string;
let raw: string;
let rawGz: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** bin/vireo against the test cluster (asynchronously: the control plane runs in this process). */
function vireo(...args: string[]): Promise<Run> {
  const child = spawn(join(repo, 'bin/vireo'), args, { env: { ...process.env, KUBECONFIG: tcp.kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const getDv = (name: string) => tcp.client.tryGet<DataVolume>(R.datavolumes, NS, name);
const running = (dv: DataVolume | undefined) => dv?.status?.conditions?.find((c) => c.type === 'Running');

async function volumeDir(claim: string): Promise<string> {
  const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim);
  const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
  return pv.spec?.local?.path ?? pv.spec!.hostPath!.path;
}

/** `qemu-img compare` of the claim's disk.img with the source image (the larger disk is zero beyond). */
async function sameContent(claim: string, source: string): Promise<void> {
  execFileSync('qemu-img', ['compare', '-q', source, join(await volumeDir(claim), 'disk.img')]);
}

async function uploadOk(kind: 'dv' | 'pvc', name: string, file: string, ...extra: string[]): Promise<Run> {
  const r = await vireo('image-upload', kind, name, '--size=128Mi', `--image-path=${file}`, ...extra);
  assert.equal(r.code, 0, `${name}: ${r.stderr}\n${r.stdout}`);
  assert.match(r.stdout, /Uploading data completed successfully, waiting for processing to complete, you can hit ctrl-c without interrupting the progress/);
  assert.match(r.stdout, /^Processing completed successfully$/m);
  assert.ok(r.stdout.includes(`Uploading ${file} completed successfully`), r.stdout);
  assert.match(r.stdout, /\/ \d+\.\d\d MiB \[=+\] 100\.00%/, 'the progress bar reached 100%');
  await sameContent(name, file === rawGz ? raw : file);
  return r;
}

/** Sends the first `cut` bytes of `file` to the upload URL announcing the whole length, then drops the connection. */
function cutOffUpload(token: string, file: string, cut: number, dropWhen: () => Promise<boolean>): Promise<void> {
  const data = readFileSync(file);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL('/v1beta1/upload-async', tcp.cp.api.url), {
      method: 'POST',
      ca: tcp.cp.api.caPem,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': data.length },
    });
    req.on('error', () => resolve()); // the drop itself
    req.on('response', (res) => reject(new Error(`the server answered ${res.statusCode} before the upload was cut off`)));
    req.write(data.subarray(0, cut));
    waitFor('the node to report the upload in progress', 60_000, dropWhen, 100).then(() => req.destroy(), reject);
  });
}

async function token(pvcName: string): Promise<string> {
  const answer = await tcp.client.request<{ status: { token: string } }>('POST', `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${NS}/uploadtokenrequests`, {
    body: { apiVersion: 'upload.cdi.kubevirt.io/v1beta1', kind: 'UploadTokenRequest', metadata: { name: 'token' }, spec: { pvcName } },
  });
  return answer.status.token;
}

function post(path: string, auth: string | undefined, body: string | Buffer = 'x', contentType?: string): Promise<{ code: number; text: string }> {
  const headers = { ...(auth ? { Authorization: auth } : {}), ...(contentType ? { 'Content-Type': contentType } : {}) };
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, tcp.cp.api.url), { method: 'POST', ca: tcp.cp.api.caPem, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  files = mkdtempSync(join(tmpdir(), 'vireo-upload-'));
  qcow2 = join(guestDir, 'disk.qcow2');
  raw = join(files, 'disk.raw');
  rawGz = join(files, 'disk.raw.gz');
  execFileSync('qemu-img', ['convert', '-O', 'raw', qcow2, raw]);
  execFileSync('sh', ['-c', `gzip -1 -c "${raw}" > "${rawGz}"`]);
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
});

after(async () => {
  await tcp?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('image-upload and the upload path', { timeout: 600_000 }, () => {
  it('uploads the qcow2 guest disk into a new DataVolume, which reports CDI phases and events', async () => {
    const r = await uploadOk('dv', 'up-qcow2', qcow2);
    assert.match(r.stdout, /^DataVolume default\/up-qcow2 created$/m);
    assert.match(r.stdout, /^Uploading data to https:\/\/127\.0\.0\.1:\d+$/m);
    const dv = await getDv('up-qcow2');
    assert.equal(dv?.status?.phase, 'Succeeded');
    assert.equal(dv?.status?.progress, '100.0%');
    assert.equal(running(dv)?.message, 'Upload Complete');
    const events = await tcp.client.list<{ reason: string; involvedObject: { name: string } } & import('../src/machinery/object.ts').KubeObject>(R.events, NS);
    const reasons = events.items.filter((e) => e.involvedObject.name === 'up-qcow2').map((e) => e.reason);
    assert.ok(reasons.includes('UploadReady') && reasons.includes('UploadSucceeded'), `events: ${reasons.join(', ')}`);
    const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, 'up-qcow2');
    assert.equal(pvc.metadata.annotations?.['cdi.kubevirt.io/storage.pod.phase'], 'Succeeded', 'virtctl sees the upload as done');
  });

  it('uploads a gzip-compressed raw image into a DataVolume and into a plain shared claim, decompressed by content', async () => {
    await uploadOk('dv', 'up-gz', rawGz);
    const r = await uploadOk('pvc', 'up-pvc', rawGz, '--storage-class=shared', '--access-mode=ReadWriteMany');
    assert.match(r.stdout, /^PersistentVolumeClaim default\/up-pvc created$/m);
    assert.ok((await volumeDir('up-pvc')).startsWith(join(tcp.dataDir, 'shared')));
  });

  it('takes the image from a form part, and answers the sync URL only once the disk is converted', async () => {
    await tcp.client.create(R.datavolumes, NS, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'up-form', namespace: NS },
      spec: { source: { upload: {} }, storage: { resources: { requests: { storage: '128Mi' } } } },
    });
    await waitFor('UploadReady', 60_000, async () => (await getDv('up-form'))?.status?.phase === 'UploadReady');
    const b = 'vireo-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nignored\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="disk.qcow2"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      readFileSync(qcow2),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const r = await post('/v1beta1/upload-form', `Bearer ${await token('up-form')}`, body, `multipart/form-data; boundary=${b}`);
    assert.equal(r.code, 200, r.text);
    const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, 'up-form');
    assert.equal(pvc.metadata.annotations?.['vireo.io/populate-phase'], 'Succeeded');
    await sameContent('up-form', qcow2);
  });

  it('boots a VM from the uploaded DataVolume', async () => {
    await tcp.client.create(R.vms, NS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm-uploaded', namespace: NS },
      spec: {
        running: true,
        template: {
          spec: {
            domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '128Mi' } } },
            terminationGracePeriodSeconds: 0,
            volumes: [{ name: 'root', dataVolume: { name: 'up-qcow2' } }],
          },
        },
      },
    });
    const vmi = await waitFor('the VMI to run', 120_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, 'vm-uploaded');
      return v?.status?.phase === 'Running' ? v : undefined;
    }, 200);
    const log = join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.log');
    await waitFor('VIREO-GUEST-READY on the serial console', 180_000, () => existsSync(log) && /VIREO-GUEST-READY/.test(readFileSync(log, 'latin1')), 500);
    await tcp.client.delete(R.vms, NS, 'vm-uploaded');
  });

  it('leaves a DataVolume cut off half way UploadReady without a disk, and a retry succeeds', async () => {
    await tcp.client.create(R.datavolumes, NS, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'up-cut', namespace: NS },
      spec: { source: { upload: {} }, storage: { resources: { requests: { storage: '128Mi' } } } },
    });
    await waitFor('UploadReady', 60_000, async () => (await getDv('up-cut'))?.status?.phase === 'UploadReady');
    const size = statSync(raw).size;
    const progress = new Set<string>();
    await cutOffUpload(await token('up-cut'), raw, size / 2, async () => {
      const dv = await getDv('up-cut');
      const p = dv?.status?.progress ?? '';
      progress.add(p);
      return dv?.status?.phase === 'UploadReady' && /^[1-9]\d?\.\d\d%$/.test(p);
    });
    assert.ok([...progress].some((p) => /^\d+\.\d\d%$/.test(p) && p !== '0.00%'), `progress while receiving (saw ${[...progress].join(', ')})`);
    const back = await waitFor('the DataVolume to be ready again after the cut', 60_000, async () => {
      const dv = await getDv('up-cut');
      return dv?.status?.phase === 'UploadReady' && running(dv)?.message ? dv : undefined;
    });
    assert.match(running(back)?.message ?? '', new RegExp(`connection closed after \\d+ of ${size} bytes`));
    assert.equal(back.status?.progress, 'N/A');
    const dir = await volumeDir('up-cut');
    assert.deepEqual(readdirSync(dir), [], 'no disk.img and no scratch left');
    const r = await vireo('image-upload', 'dv', 'up-cut', '--no-create', `--image-path=${raw}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Using existing PVC default\/up-cut$/m);
    assert.equal((await getDv('up-cut'))?.status?.phase, 'Succeeded');
    await sameContent('up-cut', raw);
  });

  it('refuses uploads without a valid token with 401', async () => {
    const valid = await token('up-qcow2');
    const [none, garbage, forged] = await Promise.all([
      post('/v1beta1/upload', undefined),
      post('/v1beta1/upload', 'Bearer not-a-token'),
      post('/v1beta1/upload-async', `Bearer ${valid.slice(0, -4)}AAAA`),
    ]);
    assert.equal(none.code, 401, none.text);
    assert.equal(garbage.code, 401, garbage.text);
    assert.match(garbage.text, /not an upload token/);
    assert.equal(forged.code, 401, forged.text);
    assert.match(forged.text, /signature is invalid/);
    // A valid token for a claim already filled is refused by its node, not let through.
    const done = await post('/v1beta1/upload', `Bearer ${valid}`);
    assert.equal(done.code, 409, done.text);
  });

  it('refuses an image larger than the requested size, giving both sizes', async () => {
    // qcow2: its header tells the CLI at once, before anything is created.
    const early = await vireo('image-upload', 'dv', 'up-small-qcow2', '--size=64Mi', `--image-path=${qcow2}`);
    assert.notEqual(early.code, 0);
    assert.match(early.stderr, /virtual size of 64Mi \(67108864 bytes\), larger than the usable size 60Mi \(62914560 bytes\) of a 64Mi volume.*--size=68Mi/);
    assert.equal(await getDv('up-small-qcow2'), undefined);
    // gzip: only the node can tell, after the transfer; the DataVolume stays ready for another image.
    const late = await vireo('image-upload', 'dv', 'up-small-gz', '--size=64Mi', `--image-path=${rawGz}`);
    assert.notEqual(late.code, 0);
    assert.match(late.stderr, /unexpected return value 400, .*virtual size 64Mi \(67108864 bytes\) is larger than the available size 60Mi \(62914560 bytes\) \(requested 64Mi/);
    // The node wrote the reason on the claim before it answered; the DataVolume mirrors it a moment later.
    const dv = await waitFor('the reason on the DataVolume', 30_000, async () => {
      const d = await getDv('up-small-gz');
      return /larger than the available size/.test(running(d)?.message ?? '') ? d : undefined;
    }, 100);
    assert.equal(dv?.status?.phase, 'UploadReady');
    assert.equal(existsSync(join(await volumeDir('up-small-gz'), 'disk.img')), false);
  });

  it('says clearly what is wrong: a missing file, an existing DataVolume, a bad kind', async () => {
    const missing = await vireo('image-upload', 'dv', 'up-missing', '--size=1Gi', `--image-path=${join(files, 'nope.qcow2')}`);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /failed to open image file .*nope\.qcow2: no such file/);
    const exists = await vireo('image-upload', 'dv', 'up-qcow2', '--size=1Gi', `--image-path=${qcow2}`);
    assert.notEqual(exists.code, 0);
    assert.match(exists.stderr, /DataVolume default\/up-qcow2 already exists; use --no-create to upload into it/);
    const kind = await vireo('image-upload', 'vm', 'x', `--image-path=${qcow2}`);
    assert.match(kind.stderr, /invalid resource type vm/);
  });
});
