// Control-plane benchmark: creates, gets and lists of N VirtualMachines through the HTTPS API, and
// watch fan-out to W watchers — each printed next to its anchor measured in the same run (raw
// SQLite doing one transaction per ~1 KiB insert with the same pragmas).
//   node --import tsx bench/apiserver.bench.ts [N=10000] [WATCHERS=500]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startControlPlane } from '../test/support/controlplane.ts';
import { resourcePath, type KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import { rawSqliteInsertRate } from './sqlite-anchor.ts';

const N = Number(process.argv[2] ?? 10_000);
const WATCHERS = Number(process.argv[3] ?? 500);
const CONCURRENCY = 16;


const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const f = (x: number) => x.toFixed(1);

async function watchFanout(c: KubeClient, updates: number): Promise<{ p50: number; p95: number; max: number }> {
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  const path = resourcePath(R.configmaps, 'bench');
  const sent = new Map<string, number>();
  const lat: number[] = [];
  let ready = 0;
  const start = await c.create(R.configmaps, 'bench', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fanout' }, data: { n: '0' } });
  const watchers = Array.from({ length: WATCHERS }, async () => {
    let seen = 0;
    const it = c.watch(path, start.metadata.resourceVersion!, { signal: ac.signal });
    ready++;
    for await (const ev of it) {
      if (ev.type !== 'MODIFIED') continue;
      const n = (ev.object as unknown as { data: { n: string } }).data.n;
      lat.push(performance.now() - (sent.get(n) ?? 0));
      if (++seen === updates) return;
    }
  });
  while (ready < WATCHERS) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 1; i <= updates; i++) {
    sent.set(String(i), performance.now());
    await c.mergePatch(R.configmaps, 'bench', 'fanout', { data: { n: String(i) } });
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.race([Promise.all(watchers), new Promise((r) => setTimeout(r, 60_000))]);
  ac.abort();
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p95: pct(lat, 95), max: lat[lat.length - 1] };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-bench-'));
  const tcp = await startControlPlane({ dataDir: join(dir, 'data') });
  const c = tcp.client;
  try {
    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const anchor = await rawSqliteInsertRate(dir, N, 'FULL');

    console.error('bench: creating');
    const load = async (op: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load-client.ts', op, tcp.kubeconfig, String(N), String(CONCURRENCY)]);
      return JSON.parse(stdout) as { opsPerSec: number; p50: number; p95: number };
    };
    const created = await load('create');
    console.error('bench: getting');
    const got = await load('get');
    const t = performance.now();
    const list = await c.list(R.vms);
    const listMs = performance.now() - t;

    // Steady state: let the VM controller finish its first pass over every VM (finalizer + status)
    // so the list timing below measures the API server, not a backlog of controller writes.
    const settleStart = performance.now();
    for (;;) {
      const l = await c.list(R.vms, 'bench');
      if (l.items.every((o) => (o.status as { printableStatus?: string } | undefined)?.printableStatus)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const settleMs = performance.now() - settleStart;
    console.error('bench: kubectl');
    const kubectlMedian = async (extra: string[]) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        // Async: the API server runs in this process and must keep serving while kubectl waits.
        const out = await promisify(execFile)('kubectl', ['--kubeconfig', tcp.kubeconfig, 'get', 'vm', '-A', '--no-headers', ...extra], { maxBuffer: 256 * 1024 * 1024 });
        runs.push(performance.now() - t0);
        if (out.stdout.trim().split('\n').length < N) throw new Error('kubectl listed fewer VMs than created');
      }
      return runs.sort((a, b) => a - b)[1];
    };
    // kubectl pages by 500 by default, and its own client-side rate limiter spaces the pages out.
    const kubectlChunked = await kubectlMedian([]);
    const kubectlOne = await kubectlMedian(['--chunk-size=0']);
    console.error('bench: watch fan-out');
    const fan = await watchFanout(c, 20);

    console.log(`Vireo control-plane benchmark: N=${N} VMs, ${CONCURRENCY} concurrent clients, ${WATCHERS} watchers`);
    console.log(`  anchor raw SQLite inserts (synchronous=FULL): ${f(anchor.opsPerSec)}/s`);
    console.log(`  API creates:  ${f(created.opsPerSec)}/s  (p50 ${f(created.p50)} ms, p95 ${f(created.p95)} ms)  ratio to raw SQLite ${(created.opsPerSec / anchor.opsPerSec).toFixed(2)}  [goal >= 0.50]`);
    console.log(`  API gets:     ${f(got.opsPerSec)}/s  (p50 ${f(got.p50)} ms, p95 ${f(got.p95)} ms)`);
    console.log(`  API list of ${list.items.length} VMs (JSON): ${f(listMs)} ms`);
    console.log(`  VM controller caught up with all ${N} VMs ${f(settleMs)} ms after the gets`);
    console.log(`  kubectl get vm -A over ${N} VMs: median ${f(kubectlChunked)} ms (default 500-item pages), ${f(kubectlOne)} ms with --chunk-size=0  [goal < 1000 ms]`);
    console.log(`  watch fan-out to ${WATCHERS} watchers: delivery p50 ${f(fan.p50)} ms, p95 ${f(fan.p95)} ms, max ${f(fan.max)} ms`);
  } finally {
    await tcp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
