// HTTP import: a DataVolume (create → Succeeded, the embedded control plane and its node agent)
// importing a 1 GiB disk served as qcow2 and as raw.xz, against the anchor a user would type on
// the same files in the same run — `curl -o f URL && qemu-img convert -O raw f disk.img` for qcow2
// (qcow2 needs seeking) and `curl URL | xz -d | dd of=disk.img conv=sparse` for raw.xz — each
// followed by an fsync of the disk, as Vireo flushes disk.img before it reports Succeeded. The disk
// is 3/8 random data and 5/8 zeros in 4 MiB runs, so it compresses like a real image. The files are
// served by a Node HTTP server in its own process, so neither side shares its event loop, and
// everything is synced before each timed run, so neither pays for the other's writeback; both
// sides' files are deleted after each pair, so each run starts from the same free memory (on this
// VM a page the guest never touched costs ~10 µs on first write: 1 s per 400 MB). Then a
// clone: a DataVolume copying another claim's 1 GiB disk.img against `qemu-img convert` of it.
//   node --import tsx bench/import.bench.ts [REPEAT=1]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import { Informer } from '../src/client/informer.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from '../test/support/controlplane.ts';
import { waitFor } from '../test/support/vm-e2e.ts';

const REPEAT = Number(process.argv[2] ?? 1);
const MiB = 1024 * 1024;
const DISK_BYTES = 1024 * MiB;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The 1 GiB raw disk: 4 MiB runs, three of every eight random, the rest zeros (left as holes). */
function writeDisk(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < DISK_BYTES / (4 * MiB); i++) if (i % 8 < 3) writeSync(fd, randomBytes(4 * MiB), 0, 4 * MiB, i * 4 * MiB);
  } finally {
    closeSync(fd);
  }
  execFileSync('truncate', ['-s', String(DISK_BYTES), path]);
}

/** A static file server in a child process; resolves with its URL. */
async function startServer(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const script = `
    const http = require('node:http'), fs = require('node:fs'), path = require('node:path');
    const dir = process.argv[1];
    const s = http.createServer((req, res) => {
      const p = path.join(dir, path.basename(req.url));
      fs.stat(p, (err, st) => {
        if (err) return res.writeHead(404).end();
        res.writeHead(200, { 'Content-Length': st.size, 'Content-Type': 'application/octet-stream' });
        fs.createReadStream(p, { highWaterMark: 1 << 20 }).pipe(res);
      });
    });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the file server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function sh(script: string, cwd: string): void {
  execFileSync('bash', ['-o', 'pipefail', '-c', script], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Not timed: neither side inherits the other's dirty pages (their writeback would be charged to it). */
const settle = () => execFileSync('sync');

/** The anchor: the shell pipeline, then an fsync of the disk it wrote. */
function anchor(format: 'qcow2' | 'raw.xz', url: string, work: string): number {
  settle();
  const t = performance.now();
  if (format === 'qcow2') sh(`curl -sSf -o dl ${url}/disk.qcow2 && qemu-img convert -f qcow2 -O raw dl disk.img && sync disk.img`, work);
  else sh(`curl -sSf ${url}/disk.raw.xz | xz -d | dd of=disk.img bs=4M conv=sparse status=none && sync disk.img`, work);
  return performance.now() - t;
}

/**
 * Vireo: DataVolume created → Succeeded (seen through a watch: polling would put GETs on the event
 * loop the embedded agent downloads on); returns the time and where disk.img is.
 */
async function vireo(tcp: TestControlPlane, dvs: Informer<DataVolume>, name: string, source: NonNullable<DataVolume['spec']>['source']): Promise<{ ms: number; disk: string }> {
  const dv: DataVolume = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: 'default' },
    // 1100Mi: its usable part (minus CDI's 5.5% file system overhead) holds the 1 GiB disk.
    spec: { source, storage: { resources: { requests: { storage: '1100Mi' } } } },
  };
  let finish: (d: DataVolume) => void = () => undefined;
  const finished = new Promise<{ dv: DataVolume; at: number }>((resolve) => (finish = (d) => resolve({ dv: d, at: performance.now() })));
  dvs.on((_type, d) => {
    if (d.metadata.name === name && (d.status?.phase === 'Succeeded' || d.status?.phase === 'Failed')) finish(d);
  });
  settle();
  const t = performance.now();
  await tcp.client.create(R.datavolumes, 'default', dv);
  const { dv: done, at } = await finished;
  const ms = at - t;
  if (done.status?.phase !== 'Succeeded') throw new Error(`${name} failed: ${done.status?.conditions?.find((c) => c.type === 'Running')?.message}`);
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, 'default', name)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return { ms, disk: join(pv.spec?.local?.path ?? pv.spec!.hostPath!.path, 'disk.img') };
}

async function removeDv(tcp: TestControlPlane, name: string, disk: string): Promise<void> {
  await tcp.client.delete(R.datavolumes, 'default', name);
  await waitFor(`${name}'s files to go`, 120_000, () => {
    try {
      statSync(disk);
      return undefined;
    } catch {
      return true;
    }
  }, 100);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'vireo-import-bench-'));
  const served = join(work, 'served');
  execFileSync('mkdir', [served]);
  console.error('bench: writing the 1 GiB disk, its qcow2 and its raw.xz');
  writeDisk(join(served, 'disk.raw'));
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', 'disk.raw', 'disk.qcow2'], { cwd: served });
  sh('xz -1 -T0 -k disk.raw && rm disk.raw', served);
  const sizes = { qcow2: statSync(join(served, 'disk.qcow2')).size, 'raw.xz': statSync(join(served, 'disk.raw.xz')).size };
  const server = await startServer(served);
  const tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  const dvs = new Informer<DataVolume>(tcp.client, R.datavolumes);
  dvs.start();
  await dvs.waitForSync();
  const stop = async () => {
    await dvs.stop();
    await tcp.stop();
    server.child.kill();
    rmSync(work, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop().finally(() => process.exit(130)));
  try {
    const results: Record<string, { anchor: number[]; vireo: number[] }> = {};
    for (const format of ['qcow2', 'raw.xz'] as const) {
      const r = (results[format] = { anchor: [] as number[], vireo: [] as number[] });
      for (let i = 0; i < REPEAT; i++) {
        r.anchor.push(anchor(format, server.url, work));
        const name = `bench-${format.replace('.', '-')}-${i}`;
        const v = await vireo(tcp, dvs, name, { http: { url: `${server.url}/disk.${format}` } });
        r.vireo.push(v.ms);
        // Not timed: both produced the same disk.
        if (i === 0) execFileSync('cmp', ['-n', String(DISK_BYTES), v.disk, join(work, 'disk.img')]);
        // Both sides' files go before the next pair, so each run starts with the same free memory.
        await removeDv(tcp, name, v.disk);
        for (const f of ['dl', 'disk.img']) rmSync(join(work, f), { force: true });
        console.error(`bench: ${format} run ${i + 1}: anchor ${r.anchor[i]!.toFixed(0)} ms, Vireo ${v.ms.toFixed(0)} ms`);
      }
    }
    // Clone: a DataVolume copying another claim's disk (same node), against qemu-img convert of the
    // same disk.img into a new file (what Vireo's clone runs), each followed by an fsync.
    const src = await vireo(tcp, dvs, 'clone-source', { http: { url: `${server.url}/disk.qcow2` } });
    const c = (results.clone = { anchor: [] as number[], vireo: [] as number[] });
    for (let i = 0; i < REPEAT; i++) {
      settle();
      const t = performance.now();
      sh(`qemu-img convert -f raw -O raw ${src.disk} copy.img && sync copy.img`, work);
      c.anchor.push(performance.now() - t);
      const name = `bench-clone-${i}`;
      const v = await vireo(tcp, dvs, name, { pvc: { namespace: 'default', name: 'clone-source' } });
      c.vireo.push(v.ms);
      if (i === 0) execFileSync('cmp', ['-n', String(DISK_BYTES), v.disk, src.disk]);
      await removeDv(tcp, name, v.disk);
      rmSync(join(work, 'copy.img'), { force: true });
      console.error(`bench: clone run ${i + 1}: anchor ${c.anchor[i]!.toFixed(0)} ms, Vireo ${v.ms.toFixed(0)} ms`);
    }
    const mibs = (ms: number) => (DISK_BYTES / MiB / (ms / 1000)).toFixed(0);
    console.log(`Vireo HTTP import benchmark (1 GiB disk, 3/8 random data; ${REPEAT === 1 ? 'one run' : `medians of ${REPEAT}`})`);
    for (const [format, r] of Object.entries(results)) {
      const a = median(r.anchor);
      const v = median(r.vireo);
      const file = format === 'clone' ? 'a 1 GiB disk.img' : `${(sizes[format as keyof typeof sizes] / MiB).toFixed(0)} MiB served`;
      console.log(`  ${format} (${file}): anchor ${(a / 1000).toFixed(2)} s (${mibs(a)} MiB/s of disk), Vireo ${(v / 1000).toFixed(2)} s (${mibs(v)} MiB/s); Vireo/anchor throughput ${(a / v).toFixed(2)} (goal ≥ 0.9)`);
    }
  } finally {
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
