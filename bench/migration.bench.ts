// Live migration: Vireo (VirtualMachineInstanceMigration created → Succeeded, with two node agents
// on 127.0.0.1 and 127.0.0.2) against bare QEMU started with the same argv, migrating between the
// same two addresses with the same QMP steps (target spawn, NBD export + mirror of the writable
// disks, migrate, resume), in the same run. Scenarios: idle 256 MiB and 1 GiB guests, a guest that keeps dirtying memory,
// a guest with a 1 GiB node-local disk full of data. Prints total time and downtime, and the ratio.
//   node --import tsx bench/migration.bench.ts [REPEAT=3] [ONLY: a scenario name part, e.g. dirtying]
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { Informer } from '../src/client/informer.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { NodeAgent } from '../src/node/agent.ts';
import { freePort } from '../src/node/network.ts';
import { QmpClient } from '../src/qemu/qmp.ts';
import { startControlPlane, type TestControlPlane } from '../test/support/controlplane.ts';
import { killLeftoverGuests } from '../test/support/guests.ts';
import { stageTinyImage, waitFor } from '../test/support/vm-e2e.ts';

interface Scenario {
  name: string;
  memory: string;
  dirty?: boolean;
  diskGiB?: number;
}
const SCENARIOS: Scenario[] = [
  { name: 'idle 256Mi', memory: '256Mi' },
  { name: 'idle 1Gi', memory: '1Gi' },
  { name: 'dirtying 256Mi', memory: '256Mi', dirty: true },
  { name: '256Mi + 1Gi local disk', memory: '256Mi', diskGiB: 1 },
];
// Rewrites a 64 MiB file in the guest's RAM-backed root forever: pages keep getting dirty.
const DIRTIER = 'while :; do dd if=/dev/urandom of=/tmp/dirty bs=1M count=64 2>/dev/null; done &';

interface Result {
  totalMs: number;
  downtimeMs: number;
}

/** What the bare run copies from Vireo's source QEMU: its exact argv and the files it names. */
interface Launched {
  argv: string[];
  runDir: string;
  dataDisk?: string;
  /** Copies of the generated media (cloud-init ISOs) the argv names in the run dir. */
  media: string;
}

const REPEAT = Number(process.argv[2] ?? 3);
/** Only the scenarios whose name contains this (e.g. `dirtying`). */
const ONLY = process.argv[3] ?? '';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const heartbeats = (text: string) => [...text.matchAll(/vireo-heartbeat (\d+)/g)].length;

async function vireoRun(tcp: TestControlPlane, vmims: Informer<VirtualMachineInstanceMigration>, dirs: Record<string, string>, s: Scenario, i: number): Promise<Result & { launched: Launched }> {
  const name = `bench-${i}`;
  const disks: object[] = [{ name: 'root', disk: { bus: 'virtio' } }];
  let dataDisk: string | undefined;
  const volumes: object[] = [{ name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } }];
  if (s.diskGiB) {
    await tcp.client.create(R.datavolumes, 'default', {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name, namespace: 'default' },
      spec: { source: { blank: {} }, storage: { storageClassName: 'local', resources: { requests: { storage: `${s.diskGiB}Gi` } } } },
    });
    const pvc = await waitFor('claim bound', 120_000, async () => {
      const c = await tcp.client.tryGet<PersistentVolumeClaim>(R.pvcs, 'default', name);
      return c?.status?.phase === 'Bound' && c.metadata.annotations?.['cdi.kubevirt.io/storage.pod.phase'] !== 'Running' ? c : undefined;
    });
    const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec?.volumeName ?? '');
    await waitFor('dv done', 120_000, async () => ((await tcp.client.tryGet<{ status?: { phase?: string } } & KubeObject>(R.datavolumes, 'default', name))?.status?.phase === 'Succeeded' ? true : undefined));
    dataDisk = join(pv.spec?.local?.path ?? '', 'disk.img');
    fillRandom(dataDisk, s.diskGiB);
    disks.push({ name: 'data', disk: { bus: 'virtio' } });
    volumes.push({ name: 'data', dataVolume: { name } });
  }
  if (s.dirty) {
    disks.push({ name: 'ci', disk: { bus: 'virtio' } });
    volumes.push({ name: 'ci', cloudInitNoCloud: { userData: `#cloud-config\n#vireo-run: ${DIRTIER}\n` } });
  }
  await tcp.client.create(R.vmis, 'default', {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: 'default' },
    spec: { terminationGracePeriodSeconds: 0, domain: { devices: { disks }, resources: { requests: { memory: s.memory } } }, volumes },
  });
  const vmi = await waitFor('running', 120_000, async () => {
    const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, 'default', name);
    return v?.status?.phase === 'Running' ? v : undefined;
  });
  const log = () => readFileSync(join(dirs[vmi.status?.nodeName ?? '']!, 'vmis', vmi.metadata.uid ?? '', 'serial.log'), 'utf8');
  await waitFor('booted', 120_000, () => heartbeats(log()) >= 5 || undefined, 200);
  const runDir = join(dirs[vmi.status?.nodeName ?? '']!, 'vmis', vmi.metadata.uid ?? '');
  const pid = readFileSync(join(runDir, 'qemu.pid'), 'utf8').trim();
  const media = mkdtempSync(join(tmpdir(), 'mbench-media-'));
  for (const f of readdirSync(runDir).filter((x) => x.endsWith('.iso'))) copyFileSync(join(runDir, f), join(media, f));
  const launched: Launched = { argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1), runDir, dataDisk, media };
  // Followed through a watch opened once for the whole run (polling would put GETs on the event
  // loop the controllers and node1's agent share with this benchmark; a new watch per run would
  // time its connection set-up). The phases' times go to stderr, to see where the time goes.
  let t0 = 0;
  const phases: string[] = [];
  const ended = new Promise<{ m: VirtualMachineInstanceMigration; at: number }>((resolve) => {
    vmims.on((_type, x) => {
      if (x.metadata.name !== name) return;
      const phase = x.status?.phase ?? '';
      if (phases[phases.length - 1]?.startsWith(`${phase} `) !== true) phases.push(`${phase} ${(performance.now() - t0).toFixed(0)}`);
      if (phase === 'Succeeded' || phase === 'Failed') resolve({ m: x, at: performance.now() });
    });
  });
  t0 = performance.now();
  await tcp.client.create(R.vmims, 'default', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name, namespace: 'default' }, spec: { vmiName: name } });
  const { m, at } = await ended;
  const totalMs = at - t0;
  console.error(`vireo: phases (ms) ${phases.join(', ')}`);
  if (m.status?.phase !== 'Succeeded') throw new Error(`${s.name}: migration failed: ${m.status?.migrationState?.failureReason}`);
  const events = await tcp.client.list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(R.events, 'default');
  const note = events.items.find((e) => e.reason === 'Migrated' && e.involvedObject?.name === name)?.message;
  if (note) console.error(`vireo: ${note}`);
  await tcp.client.delete(R.vmis, 'default', name);
  if (s.diskGiB) await tcp.client.delete(R.datavolumes, 'default', name); // its 1 GiB of data goes with it
  return { totalMs, downtimeMs: m.status.migrationState?.downtimeMs ?? NaN, launched };
}

function fillRandom(path: string, gib: number): void {
  execFileSync('dd', ['if=/dev/urandom', `of=${path}`, 'bs=1M', `count=${gib * 1024}`, 'conv=notrunc,fsync', 'status=none']);
}

/**
 * Two bare QEMUs with Vireo's exact argv (paths moved to a scratch dir): the source booted before
 * the clock starts; then the target is spawned with -incoming defer and the same QMP steps Vireo
 * takes run (NBD export + write-blocking mirror of every writable disk, migrate, resume).
 */
async function bareRun(s: Scenario, l: Launched): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'mbench-'));
  const procs: ChildProcess[] = [];
  try {
    const base = l.argv[l.argv.findIndex((a) => a.includes('node-name=drive0-base-file'))]?.match(/filename=([^,]+)/)?.[1] ?? '';
    const side = async (n: string, address: string, incoming: boolean) => {
      const d = join(dir, n);
      mkdirSync(d);
      execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, join(d, 'containerdisk-root.qcow2')]);
      for (const f of readdirSync(l.media)) copyFileSync(join(l.media, f), join(d, f));
      if (s.diskGiB) {
        execFileSync('truncate', ['-s', `${s.diskGiB}G`, join(d, 'data.img')]);
        if (!incoming) fillRandom(join(d, 'data.img'), s.diskGiB);
      }
      const port = await freePort(address);
      const argv = l.argv.map((a) => {
        let x = a.split(l.runDir).join(d);
        if (l.dataDisk) x = x.split(l.dataDisk).join(join(d, 'data.img'));
        return x.replace(/hostfwd=tcp:[0-9.]+:\d+-/, `hostfwd=tcp:${address}:${port}-`);
      });
      if (incoming) argv.push('-incoming', 'defer');
      const p = spawn('qemu-system-x86_64', argv, { stdio: ['ignore', 'ignore', 'pipe'] });
      p.stderr?.on('data', (b: Buffer) => process.stderr.write(`bare QEMU ${n}: ${b.toString()}`));
      procs.push(p);
      return d;
    };
    const writable = ['drive0', ...(s.diskGiB ? ['drive1'] : [])];
    const a = await side('a', '127.0.0.1', false);
    await new Promise((r) => setTimeout(r, 300));
    const qa = await QmpClient.connect(join(a, 'qmp.sock'), { timeoutMs: 10_000 });
    await qa.execute('cont');
    await waitFor('bare booted', 120_000, () => heartbeats(readFileSync(join(a, 'serial.log'), 'utf8')) >= 5 || undefined, 200);
    const t0 = performance.now();
    const b = await side('b', '127.0.0.2', true);
    const qb = await QmpClient.connect(join(b, 'qmp.sock'), { timeoutMs: 10_000 });
    const port = await freePort('127.0.0.2');
    await qb.execute('migrate-incoming', { uri: `tcp:127.0.0.2:${port}` });
    const nbd = await freePort('127.0.0.2');
    await qb.execute('nbd-server-start', { addr: { type: 'inet', data: { host: '127.0.0.2', port: String(nbd) } } });
    for (const node of writable) {
      await qb.execute('block-export-add', { type: 'nbd', id: `e-${node}`, 'node-name': node, writable: true, name: node });
      await qa.execute('blockdev-add', { driver: 'nbd', 'node-name': `m-${node}`, server: { type: 'inet', host: '127.0.0.2', port: String(nbd) }, export: node });
      await qa.execute('blockdev-mirror', { 'job-id': `m-${node}`, device: node, target: `m-${node}`, sync: 'top', 'copy-mode': 'write-blocking' });
    }
    await waitFor('mirrors ready', 600_000, async () => {
      const jobs = await qa.execute<{ ready: boolean }[]>('query-block-jobs');
      return jobs.length === writable.length && jobs.every((j) => j.ready) ? true : undefined;
    }, 20);
    await qa.execute('migrate-set-parameters', { 'max-bandwidth': 100 * 2 ** 30 });
    await qa.execute('migrate', { uri: `tcp:127.0.0.2:${port}` });
    const q = await waitFor('bare migrated', 600_000, async () => {
      const r = await qa.execute<{ status: string; downtime?: number; 'total-time'?: number }>('query-migrate');
      if (r.status === 'failed') throw new Error('bare migration failed');
      return r.status === 'completed' ? r : undefined;
    }, 10);
    for (const node of writable) await qa.execute('block-job-cancel', { device: `m-${node}`, force: true });
    await waitFor('target loaded', 30_000, async () => ((await qb.execute<{ status: string }>('query-status')).status !== 'inmigrate' ? true : undefined), 5);
    await qb.execute('nbd-server-stop');
    await qb.execute('cont');
    const totalMs = performance.now() - t0;
    console.error(`bare: QEMU migrate total-time ${q['total-time']} ms`);
    await qa.close();
    await qb.close();
    return { totalMs, downtimeMs: q.downtime ?? NaN };
  } finally {
    for (const p of procs) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(l.media, { recursive: true, force: true });
  }
}

const tcp = await startControlPlane({ agent: { accel: 'tcg', nodeName: 'node1' } });
const n2 = mkdtempSync(join(tmpdir(), 'vb2-'));
const agent2 = new NodeAgent({ client: tcp.client, nodeName: 'node2', dataDir: n2, accel: 'tcg', address: '127.0.0.2' });
const cleanup = async () => {
  await agent2.stop().catch(() => undefined);
  await tcp.stop().catch(() => undefined);
  await killLeftoverGuests(n2);
  rmSync(n2, { recursive: true, force: true });
};
process.on('SIGTERM', () => void cleanup().then(() => process.exit(1)));
try {
  await stageTinyImage(join(tcp.dataDir, 'images'));
  await stageTinyImage(join(n2, 'images'));
  await agent2.start();
  const vmims = new Informer<VirtualMachineInstanceMigration>(tcp.client, R.vmims);
  vmims.start();
  await vmims.waitForSync();
  const dirs = { node1: tcp.dataDir, node2: n2 };
  const rows: string[] = [];
  // Each scenario runs REPEAT times, Vireo and bare QEMU alternating, and reports medians: on a
  // 2-core machine under TCG single runs swing by a factor of two.
  let n = 0;
  for (const s of SCENARIOS.filter((x) => x.name.includes(ONLY))) {
    const vs: Result[] = [];
    const bs: Result[] = [];
    for (let r = 0; r < REPEAT; r++) {
      const v = await vireoRun(tcp, vmims, dirs, s, n++);
      vs.push(v);
      bs.push(await bareRun(s, v.launched));
    }
    const v = { totalMs: median(vs.map((x) => x.totalMs)), downtimeMs: median(vs.map((x) => x.downtimeMs)) };
    const b = { totalMs: median(bs.map((x) => x.totalMs)), downtimeMs: median(bs.map((x) => x.downtimeMs)) };
    rows.push(`${s.name.padEnd(24)} vireo total ${v.totalMs.toFixed(0).padStart(6)} ms downtime ${v.downtimeMs.toFixed(0).padStart(4)} ms | bare QEMU total ${b.totalMs.toFixed(0).padStart(6)} ms downtime ${b.downtimeMs.toFixed(0).padStart(4)} ms | total ratio ${(v.totalMs / b.totalMs).toFixed(2)}`);
    console.log(rows[rows.length - 1]);
  }
  console.log(`\nmigration (TCG, 127.0.0.1 -> 127.0.0.2, medians of ${REPEAT}):\n` + rows.join('\n'));
} finally {
  await cleanup();
}
process.exit(0);
