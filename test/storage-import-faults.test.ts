// End to end, the import path's guarantees (issue 4): CDI's `checksum` on http sources verified
// over the bytes as served (a malformed one refused by admission, a wrong one failing the import),
// `preallocation` (imported and blank disks fully allocated, CDI's annotation on the claim), a full
// disk failing in one line that names the path, and a node agent killed mid-download whose
// successor restarts the import to a complete disk. The node agent runs as a child process (so it
// can be killed) with its volume root on a small tmpfs this test mounts (so the disk can fill);
// images are served by an HTTP server on loopback.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import { R } from '../src/client/resources.ts';
import { usableBytes } from '../src/controllers/storage/protocol.ts';
import { AgentProcess } from './support/agent-process.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { makeKubectl } from './support/kubectl.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const NODE = 'faults-node';
const MiB = 1024 * 1024;
/** The tmpfs holding the node's volumes: room for the small imports, not for the big ones. */
const VOLUMES_MIB = 96;

let tcp: TestControlPlane;
let kubectl: ReturnType<typeof makeKubectl>;
let agent: AgentProcess;
let files: string;
let agentDir: string;
let volumeRoot: string;
let mounted = false;
let url: string;
const server = http.createServer((req, res) => serve(req, res));

/** Fires once the first /slow-once/ answer has sent a third of its file. */
let slowThird: (() => void) | undefined;
const slowServed = new Set<string>();

/**
 * Serves `files` with Content-Length. Under /slow-once/ the first answer for a file trickles out
 * (64 KiB every 25 ms) and announces its first third; later answers are served at full speed.
 */
function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const slow = req.url?.startsWith('/slow-once/') ?? false;
  const name = (req.url ?? '/').replace(/^\/+(slow-once\/)?/, '');
  const path = join(files, name);
  if (name.includes('..') || !existsSync(path)) return void res.writeHead(404).end('not found');
  const size = statSync(path).size;
  res.writeHead(200, { 'Content-Length': size, 'Content-Type': 'application/octet-stream' });
  if (!slow || slowServed.has(name)) return void createReadStream(path).pipe(res);
  slowServed.add(name);
  const data = readFileSync(path);
  let at = 0;
  const timer = setInterval(() => {
    res.write(data.subarray(at, (at += 64 * 1024)));
    if (at >= size / 3) slowThird?.();
    if (at >= size) {
      clearInterval(timer);
      res.end();
    }
  }, 25);
  res.on('close', () => clearInterval(timer));
}

function dv(name: string, source: Record<string, unknown>, size: string, extra: Record<string, unknown> = {}): DataVolume {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: { source, storage: { resources: { requests: { storage: size } } }, ...extra },
  } as DataVolume;
}

const getDv = (name: string) => tcp.client.tryGet<DataVolume>(R.datavolumes, NS, name);
const runningMessage = (d: DataVolume) => d.status?.conditions?.find((c) => c.type === 'Running')?.message ?? '';
const ready = (d: DataVolume) => d.status?.conditions?.find((c) => c.type === 'Ready')?.status;

async function finished(name: string, timeoutMs = 180_000): Promise<DataVolume> {
  return waitFor(`DataVolume ${name} to finish`, timeoutMs, async () => {
    const d = await getDv(name);
    return d?.status?.phase === 'Succeeded' || d?.status?.phase === 'Failed' ? d : undefined;
  }, 200);
}

async function volumeOf(claim: string): Promise<{ pvc: PersistentVolumeClaim; pv: PersistentVolume; dir: string }> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return { pvc, pv, dir: pv.spec?.local?.path ?? pv.spec!.hostPath!.path };
}

/** Deletes a DataVolume and waits until its volume's files are gone, so the tmpfs is free again. */
async function remove(name: string): Promise<void> {
  const { pv, dir } = await volumeOf(name);
  await tcp.client.delete(R.datavolumes, NS, name);
  await waitFor(`the volume of ${name} to be removed`, 60_000, async () => !(await tcp.client.tryGet(R.pvs, undefined, pv.metadata.name!)) && !existsSync(dir));
}

const sha = (algorithm: string, path: string) => createHash(algorithm).update(readFileSync(path)).digest('hex');

/** sha256 of the first `length` bytes of a file. */
function sha256Prefix(path: string, length: number): string {
  return createHash('sha256').update(readFileSync(path).subarray(0, length)).digest('hex');
}

/** What a user gets from `qemu-img convert -O raw` of the source, and its length. */
function convertedSource(image: string): { sha256: string; length: number } {
  const out = join(files, `${image}.converted.raw`);
  execFileSync('qemu-img', ['convert', '-O', 'raw', join(files, image), out]);
  const r = { sha256: sha('sha256', out), length: statSync(out).size };
  rmSync(out);
  return r;
}

/** A failed import leaves neither disk.img nor any scratch or temporary file in its volume. */
function assertNothingLeft(dir: string): void {
  assert.deepEqual(readdirSync(dir), [], `the volume directory ${dir} is empty after the failure`);
}

function writeImages(): void {
  // 24 MiB: random, zeros, random — a disk with data and a hole, served as qcow2 and raw.xz.
  const raw = Buffer.concat([randomMiB(8), Buffer.alloc(8 * MiB), randomMiB(8)]);
  writeFileSync(join(files, 'data.raw'), raw);
  execFileSync('qemu-img', ['convert', '-O', 'qcow2', join(files, 'data.raw'), join(files, 'data.qcow2')]);
  execFileSync('sh', ['-c', 'xz -1 -T0 -k -c data.raw > data.raw.xz'], { cwd: files });
  // 104 MiB of random data as raw.zst (zstd: xz takes a minute over random data): the
  // decompressed download itself outgrows the volume.
  writeFileSync(join(files, 'random.raw'), randomMiB(104));
  execFileSync('zstd', ['-q', '-1', '-o', 'random.raw.zst', 'random.raw'], { cwd: files });
  // Its first 56 MiB as qcow2: the download fits, the download plus its conversion does not.
  execFileSync('truncate', ['-s', '56M', join(files, 'random.raw')]);
  execFileSync('qemu-img', ['convert', '-O', 'qcow2', join(files, 'random.raw'), join(files, 'random.qcow2')]);
  rmSync(join(files, 'random.raw'));
}

function randomMiB(n: number): Buffer {
  return execFileSync('head', ['-c', String(n * MiB), '/dev/urandom'], { maxBuffer: (n + 1) * MiB });
}

before(async () => {
  files = mkdtempSync(join(tmpdir(), 'vireo-fault-images-'));
  writeImages();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tcp = await startControlPlane();
  kubectl = makeKubectl(tcp.kubeconfig);
  agentDir = mkdtempSync(join(tmpdir(), 'vireo-fault-node-'));
  volumeRoot = join(agentDir, 'volumes');
  mkdirSync(volumeRoot);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${VOLUMES_MIB}m,mode=0700`, 'vireo-test-volumes', volumeRoot]);
  mounted = true;
  agent = new AgentProcess({
    nodeName: NODE,
    logFile: join(agentDir, 'agent.log'),
    args: ['--kubeconfig', tcp.kubeconfig, '--node-name', NODE, '--data-dir', agentDir, '--accel', 'tcg', '--address', '127.0.0.1'],
  });
  await agent.start(90_000);
});

after(async () => {
  await agent?.stop('SIGTERM');
  await tcp?.stop();
  server.close();
  if (mounted) {
    try {
      execFileSync('umount', [volumeRoot]);
    } catch (e) {
      // Something still holds a file there (a qemu-img the killed agent left?): detach it anyway.
      console.error(`umount ${volumeRoot}: ${(e as Error).message}; detaching lazily`);
      execFileSync('umount', ['-l', volumeRoot]);
    }
  }
  if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('import faults: checksum, preallocation, disk full, agent killed', { timeout: 900_000 }, () => {
  it('refuses a malformed checksum with a Status naming the field', async () => {
    await assert.rejects(
      tcp.client.create(R.datavolumes, NS, dv('bad-sum', { http: { url: `${url}/data.qcow2`, checksum: 'sha256:1234' } }, '32Mi')),
      (e: Error & { code?: number }) => {
        assert.equal(e.code, 422);
        assert.equal(e.message, 'DataVolume "bad-sum" is invalid: spec.source.http.checksum: Invalid value: "sha256:1234": a sha256 digest is 64 hex digits');
        return true;
      },
    );
    assert.equal(await getDv('bad-sum'), undefined);
  });

  it('imports when the checksum of the bytes as served matches, and fails naming both digests when not', async () => {
    const good = `sha512:${sha('sha512', join(files, 'data.raw.xz'))}`;
    const wrong = `sha256:${'0'.repeat(64)}`;
    const actual = `sha256:${sha('sha256', join(files, 'data.qcow2'))}`;
    await tcp.client.create(R.datavolumes, NS, dv('sum-ok', { http: { url: `${url}/data.raw.xz`, checksum: good } }, '32Mi'));
    await tcp.client.create(R.datavolumes, NS, dv('sum-wrong', { http: { url: `${url}/data.qcow2`, checksum: wrong } }, '32Mi'));
    const [ok, bad] = await Promise.all([finished('sum-ok'), finished('sum-wrong')]);

    assert.equal(ok.status?.phase, 'Succeeded', runningMessage(ok));
    const v = await volumeOf('sum-ok');
    // data.raw.xz and data.qcow2 hold the same disk; qemu-img reads only the latter.
    const src = convertedSource('data.qcow2');
    assert.equal(sha256Prefix(join(v.dir, 'disk.img'), src.length), src.sha256, 'the disk holds the source image');
    assert.ok(statSync(join(v.dir, 'disk.img')).blocks * 512 < usableBytes(32 * MiB), 'without preallocation the disk stays sparse');

    assert.equal(bad.status?.phase, 'Failed');
    assert.equal(runningMessage(bad), `${url}/data.qcow2: checksum mismatch: expected ${wrong}, got ${actual}`);
    assert.notEqual(ready(bad), 'True');
    assertNothingLeft((await volumeOf('sum-wrong')).dir);
    const r = await kubectl(['get', 'dv', 'sum-wrong']);
    assert.match(r.stdout, /^sum-wrong\s+Failed\s+/m, r.stderr);
    await Promise.all([remove('sum-ok'), remove('sum-wrong')]);
  });

  it('preallocates imported and blank disks when spec.preallocation is true', async () => {
    await tcp.client.create(R.datavolumes, NS, dv('prealloc-import', { http: { url: `${url}/data.qcow2` } }, '32Mi', { preallocation: true }));
    await tcp.client.create(R.datavolumes, NS, dv('prealloc-blank', { blank: {} }, '16Mi', { preallocation: true }));
    const [imported, blank] = await Promise.all([finished('prealloc-import'), finished('prealloc-blank')]);
    for (const [d, size] of [[imported, 32], [blank, 16]] as const) {
      const name = d.metadata.name!;
      assert.equal(d.status?.phase, 'Succeeded', `${name}: ${runningMessage(d)}`);
      const { pvc, dir } = await volumeOf(name);
      const st = statSync(join(dir, 'disk.img'));
      assert.equal(st.size, usableBytes(size * MiB));
      assert.equal(st.blocks * 512, st.size, `${name}: every block of disk.img is allocated`);
      assert.equal(pvc.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation'], 'true', `${name}: CDI's preallocation annotation on the claim`);
    }
    const src = convertedSource('data.qcow2');
    assert.equal(sha256Prefix(join((await volumeOf('prealloc-import')).dir, 'disk.img'), src.length), src.sha256, 'preallocation kept the imported data');
    await Promise.all([remove('prealloc-import'), remove('prealloc-blank')]);
  });

  it('fails in one line naming the path when the volume fills up, downloading or converting, and leaves nothing behind', async () => {
    for (const [name, image, during] of [
      ['full-download', 'random.raw.zst', 'writing'],
      ['full-convert', 'random.qcow2', 'converting'],
    ] as const) {
      await tcp.client.create(R.datavolumes, NS, dv(name, { http: { url: `${url}/${image}` } }, '256Mi'));
      const d = await finished(name);
      const msg = runningMessage(d);
      assert.equal(d.status?.phase, 'Failed', `${name}: ${msg}`);
      assert.notEqual(ready(d), 'True');
      const { dir } = await volumeOf(name);
      assert.match(msg, new RegExp(`^disk full: no space left on the volume while ${during} .*${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[\\w.]+\\.tmp$`));
      assertNothingLeft(dir);
      const r = await kubectl(['get', 'dv', name]);
      assert.match(r.stdout, new RegExp(`^${name}\\s+Failed\\s+`, 'm'), r.stderr);
      await remove(name);
    }
  });

  it('restarts an import whose node agent was killed mid-download, ending with the whole image', async () => {
    const third = new Promise<void>((r) => (slowThird = r));
    const checksum = `sha256:${sha('sha256', join(files, 'data.qcow2'))}`;
    await tcp.client.create(R.datavolumes, NS, dv('killed', { http: { url: `${url}/slow-once/data.qcow2`, checksum } }, '32Mi'));
    await third;
    await agent.stop('SIGKILL');

    const during = await waitFor('the DataVolume to show the import in progress', 30_000, async () => {
      const d = await getDv('killed');
      return d?.status?.phase === 'ImportInProgress' ? d : undefined;
    });
    assert.equal(during.status?.restartCount, 0);
    assert.equal(existsSync(join((await volumeOf('killed')).dir, 'disk.img')), false, 'no disk.img while the import is cut off');

    await agent.start(90_000);
    const d = await finished('killed');
    assert.equal(d.status?.phase, 'Succeeded', runningMessage(d));
    assert.equal(d.status?.restartCount, 1);
    assert.equal(ready(d), 'True');
    const r = await kubectl(['get', 'dv', 'killed']);
    assert.match(r.stdout, /^killed\s+Succeeded\s+100\.0%\s+1\s+/m, r.stderr);
    const src = convertedSource('data.qcow2');
    const { dir } = await volumeOf('killed');
    assert.equal(sha256Prefix(join(dir, 'disk.img'), src.length), src.sha256, 'the disk holds the whole source image');
    assert.deepEqual(readdirSync(dir), ['disk.img'], 'no scratch file left from the killed attempt');
  });
});
