// A load generator in its own process (so it does not share the API server's event loop):
//   node --import tsx bench/load-client.ts create|get KUBECONFIG N CONCURRENCY
// Prints one JSON line: {"opsPerSec", "p50", "p95"}.
import { performance } from 'node:perf_hooks';
import { KubeClient } from '../src/client/client.ts';
import { loadKubeconfig } from '../src/client/kubeconfig.ts';
import { R } from '../src/client/resources.ts';
import { benchVm } from './bench-vm.ts';

const [op, kubeconfig, nRaw, concRaw] = process.argv.slice(2);
const N = Number(nRaw);
const CONC = Number(concRaw);
const c = new KubeClient(loadKubeconfig(kubeconfig));


async function main(): Promise<void> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < N) {
        const i = next++;
        const t = performance.now();
        if (op === 'create') await c.create(R.vms, 'bench', benchVm(i));
        else await c.get(R.vms, 'bench', `vm-${i}`);
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  console.log(JSON.stringify({ opsPerSec: N / secs, p50: lat[Math.floor(N * 0.5)], p95: lat[Math.floor(N * 0.95)] }));
  c.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
