// VM start latency: API accepted (VMI created) → QEMU running its vCPUs (status Running, which the
// agent writes only after QMP says running), for one VM at a time and for M at once; against bare
// `qemu-system-x86_64` started with the same argv (copied from a Vireo-launched guest) until QMP
// `query-status` says running, in the same run. Also host memory per idle guest beyond its RAM.
//   node --import tsx bench/vm-start.bench.ts [M=50]
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startControlPlane, type TestControlPlane } from '../test/support/controlplane.ts';
import { stageTinyImage } from '../test/support/vm-e2e.ts';
import { R } from '../src/client/resources.ts';
import { QmpClient } from '../src/qemu/qmp.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { qemuMemory } from './qemu-memory.ts';

const M = Number(process.argv[2] ?? 50);
const GUEST_MIB = 128;

const vmi = (name: string): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name, namespace: 'default' },
  spec: {
    terminationGracePeriodSeconds: 0,
    // 10m of CPU each: by default a vCPU requests 100m (KubeVirt's cpuAllocationRatio 10), and a
    // 2-core node then schedules 20 VMs, leaving the rest of M Pending (correctly, but unmeasured).
    domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: `${GUEST_MIB}Mi`, cpu: '10m' } } },
    volumes: [{ name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } }],
  },
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const f = (x: number) => x.toFixed(0);

async function startAndWait(tcp: TestControlPlane, names: string[]): Promise<number[]> {
  const t0 = new Map<string, number>();
  const done = new Map<string, number>();
  await Promise.all(
    names.map(async (n) => {
      t0.set(n, performance.now());
      await tcp.client.create(R.vmis, 'default', vmi(n));
    }),
  );
  const deadline = Date.now() + 600_000;
  while (done.size < names.length) {
    if (Date.now() > deadline) throw new Error('VMIs did not reach Running in 10 minutes');
    const list = await tcp.client.list(R.vmis, 'default');
    const now = performance.now();
    for (const o of list.items) {
      const phase = (o.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Failed') throw new Error(`${o.metadata.name} failed: ${JSON.stringify(o.status)}`);
      if (phase === 'Running' && t0.has(o.metadata.name!) && !done.has(o.metadata.name!)) done.set(o.metadata.name!, now - t0.get(o.metadata.name!)!);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return names.map((n) => done.get(n)!);
}

async function deleteAll(tcp: TestControlPlane): Promise<void> {
  const list = await tcp.client.list(R.vmis, 'default');
  await Promise.all(list.items.map((o) => tcp.client.delete(R.vmis, 'default', o.metadata.name!)));
  while ((await tcp.client.list(R.vmis, 'default')).items.length > 0) await new Promise((r) => setTimeout(r, 200));
}

/** Bare QEMU with a Vireo guest's argv (its disks copied, sockets and ports made private). */
async function bareQemu(runDir: string, argv: string[]): Promise<{ ms: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bare-qemu-'));
  for (const e of readdirSync(runDir)) {
    const p = join(runDir, e);
    if (statSync(p).isFile() && !e.endsWith('.pid') && !e.endsWith('.log')) copyFileSync(p, join(dir, e));
  }
  const args = argv.map((a) => a.split(runDir).join(dir).replace(/hostfwd=tcp:([\d.]+):\d+-/g, 'hostfwd=tcp:$1:0-'));
  const t = performance.now();
  const child = spawn(args[0], args.slice(1), { stdio: 'ignore' });
  const qmp = await QmpClient.connect(join(dir, 'qmp.sock'), { timeoutMs: 30_000 });
  await qmp.execute('cont');
  for (;;) {
    const s = await qmp.execute<{ status: string }>('query-status');
    if (s.status === 'running') break;
  }
  const ms = performance.now() - t;
  return {
    ms,
    stop: async () => {
      await qmp.execute('quit').catch(() => undefined);
      qmp.close();
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  // Interrupted (timeout, Ctrl+C): stop the control plane, which kills the guests it started.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void tcp.stop().finally(() => process.exit(130)));
  try {
    await stageTinyImage(join(tcp.dataDir, 'images'));
    // One at a time (the first is a warm-up).
    const single: number[] = [];
    for (let i = 0; i < 8; i++) {
      const [ms] = await startAndWait(tcp, [`one-${i}`]);
      if (i > 0) single.push(ms);
      if (i < 7) await deleteAll(tcp);
    }
    console.error(`bench: single starts ${single.map(f).join(', ')} ms`);
    // The anchor: the same argv, started bare.
    const runDir = tcp.cp.agent!.runDir('default', 'one-7')!;
    const pid = readFileSync(join(runDir, 'qemu.pid'), 'utf8').trim();
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    const bare: number[] = [];
    for (let i = 0; i < 7; i++) {
      const b = await bareQemu(runDir, argv);
      bare.push(b.ms);
      await b.stop();
    }
    await new Promise((r) => setTimeout(r, 15_000)); // let the guest boot and go idle
    const mem = qemuMemory(pid, GUEST_MIB);
    await deleteAll(tcp);
    // M at once.
    console.error(`bench: starting ${M} VMs at once`);
    const many = await startAndWait(tcp, Array.from({ length: M }, (_, i) => `many-${i}`));
    await deleteAll(tcp);

    console.log(`Vireo VM start benchmark (TCG, ${GUEST_MIB} MiB tiny guest)`);
    console.log(`  bare QEMU spawn → running:          p50 ${f(pct(bare, 50))} ms, p95 ${f(pct(bare, 95))} ms`);
    console.log(`  Vireo 1 VM, create → Running:       p50 ${f(pct(single, 50))} ms, p95 ${f(pct(single, 95))} ms  (adds ${f(pct(single, 95) - pct(bare, 95))} ms at p95; goal < 150 ms)`);
    console.log(`  Vireo ${M} VMs at once, create → Running: p50 ${f(pct(many, 50))} ms, p95 ${f(pct(many, 95))} ms  (goal p95 < 2000 ms)`);
    console.log(`  idle ${GUEST_MIB} MiB guest's QEMU: RSS ${f(mem.rssMiB)} MiB = guest RAM touched ${f(mem.guestRamResidentMiB)} + beyond it ${f(mem.beyondGuestMiB)} (of it TCG's translation cache ${f(mem.tcgCacheMiB)}) + files shared by every QEMU ${f(mem.filesMiB)} MiB; goal < 40 MiB beyond guest RAM`);
  } finally {
    await deleteAll(tcp).catch(() => undefined);
    await tcp.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
