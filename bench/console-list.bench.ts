// The web console's VM list in Debian's Chromium: time from navigation to a usable list (the
// table's first page rendered and the pagination counting every VM) with 10 VMs and with 1,000,
// in the same run against the same control plane (no node agent; the VMs are Halted).
//   node --import tsx bench/console-list.bench.ts [RUNS=5]
import { performance } from 'node:perf_hooks';
import { R } from '../src/client/resources.ts';
import { benchVm } from './bench-vm.ts';
import { buildConsole, login, openBrowser } from '../test/support/console-browser.ts';
import { startControlPlane } from '../test/support/controlplane.ts';

const RUNS = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await buildConsole();
const tcp = await startControlPlane({ agent: false });
const { browser, page } = await openBrowser();
try {
  await tcp.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  let created = 0;
  const fill = async (n: number) => {
    const todo = Array.from({ length: n - created }, (_, i) => created + i);
    for (let i = 0; i < todo.length; i += 32) await Promise.all(todo.slice(i, i + 32).map((j) => tcp.client.create(R.vms, 'bench', benchVm(j))));
    created = n;
    // Steady state first (as the API benchmark does): the VM controller's first pass over the new
    // VMs (finalizer + status) would otherwise be measured as watch traffic into the page.
    for (;;) {
      const l = await tcp.client.list(R.vms, 'bench');
      if (l.items.length === n && l.items.every((o) => (o.status as { printableStatus?: string } | undefined)?.printableStatus)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 1000));
  };
  const measure = async (n: number) => {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(`${tcp.cp.api.url}/k8s/all-namespaces/virtualmachines`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('#vm-table tbody tr[data-vm]').length === Math.min(n, 15) && !!document.querySelector('#vm-pagination')?.textContent?.includes(`of ${n}`),
        n,
        { timeout: 60_000, polling: 'raf' },
      );
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  await fill(10);
  const ten = await measure(10);
  await fill(1000);
  const thousand = await measure(1000);
  console.log(`console VM list, navigation → usable list, median of ${RUNS}:`);
  console.log(`  10 VMs:    ${ten.toFixed(0)} ms`);
  console.log(`  1,000 VMs: ${thousand.toFixed(0)} ms  ratio ${(thousand / ten).toFixed(2)}  [goal <= 2]`);
} finally {
  await browser.close();
  await tcp.stop();
}
process.exit(0);
