// VM metrics end to end: the node agent samples the tiny guest under TCG (every second here, 10 s
// by default) and the API serves the samples as the VMI's `metrics` subresource — CPU cores in
// use, memory and QEMU's RSS, and disk counters that grow when the guest writes to a scratch disk
// (it waits for a line on its serial console first, so the test sees the counters before and
// after); `vireo top vm` prints them. A VMI that does not exist is 404, one that is not running 409. In Debian's Chromium the
// VM's Metrics tab draws its charts and the current CPU, and the Overview's Utilization card its
// sparklines (screenshots: test/.cache/screenshots/vm-metrics-*.png).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { ApiStatusError } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { MetricsResponse } from '../src/node/metrics/wire.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { vireo } from './support/vireo-cli.ts';
import { TINY_IMAGE, stageTinyImage, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'metrics-vm';
const WRITE_BYTES = 8 << 20;

const vm: VirtualMachine = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        terminationGracePeriodSeconds: 0,
        domain: {
          resources: { requests: { memory: '128Mi' } },
          devices: {
            disks: [
              { name: 'root', disk: { bus: 'virtio' } },
              { name: 'scratch', disk: { bus: 'virtio' } },
              { name: 'cloudinit', disk: { bus: 'virtio' } },
            ],
          },
        },
        volumes: [
          { name: 'root', containerDisk: { image: TINY_IMAGE } },
          { name: 'scratch', emptyDisk: { capacity: '32Mi' } },
          {
            name: 'cloudinit',
            cloudInitNoCloud: {
              userData: `#cloud-config\n#vireo-run: read go </dev/ttyS0 && dd if=/dev/urandom of=/dev/vdb bs=64k count=${WRITE_BYTES >> 16} conv=fsync 2>/dev/null && echo vireo-metrics-wrote\n`,
            },
          },
        ],
      },
    },
  },
};

let tcp: TestControlPlane;
let browser: Browser | undefined;

const metricsPath = (name: string, since?: number) =>
  `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachineinstances/${name}/metrics${since === undefined ? '' : `?since=${since}`}`;
const metrics = (name: string, since?: number) => tcp.client.request<MetricsResponse>('GET', metricsPath(name, since));
const scratchWritten = (m: MetricsResponse) => m.samples.at(-1)?.disks.find((d) => d.name === 'scratch')?.writeBytes;

async function refusal(name: string): Promise<ApiStatusError> {
  try {
    await metrics(name);
  } catch (e) {
    if (e instanceof ApiStatusError) return e;
    throw e;
  }
  throw new Error(`metrics of ${name} answered`);
}

async function typeLine(vmi: VirtualMachineInstance, line: string): Promise<void> {
  const sock = join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.sock');
  await new Promise<void>((resolve, reject) => {
    const s = net.createConnection(sock, () => s.end(`${line}\n`, () => resolve()));
    s.once('error', reject);
  });
}

describe('VM metrics (TCG)', { timeout: 120_000 }, () => {
  before(async () => {
    process.env.VIREO_METRICS_INTERVAL_MS = '1000';
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    await tcp.client.create(R.vms, NS, vm);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('serves CPU, memory and growing disk counters of a running guest', async () => {
    const vmi = await waitFor('the VMI to run', 60_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, VM);
      return v?.status?.phase === 'Running' ? v : undefined;
    }, 250);
    // The guest boots under TCG meanwhile: its QEMU burns CPU.
    const first = await waitFor('two samples', 20_000, async () => {
      const m = await metrics(VM);
      return m.samples.length >= 2 ? m : undefined;
    }, 500);
    assert.equal(first.kind, 'VirtualMachineInstanceMetrics');
    assert.equal(first.intervalSeconds, 1);
    const s = first.samples.at(-1)!;
    assert.ok(first.samples.some((x) => x.cpuCores > 0), JSON.stringify(first.samples));
    assert.equal(s.memoryBytes, 128 << 20);
    assert.ok(s.memoryRssBytes > 0);
    assert.ok(Date.parse(s.time) <= Date.now());
    assert.deepEqual(s.disks.map((d) => d.name).sort(), ['cloudinit', 'root', 'scratch']);
    // The tiny guest's agent reports no interface statistics and its NIC is user-mode: not measured.
    assert.equal(first.networkSource, 'none');
    assert.equal(s.networkRxBytesPerSec, null);

    // Let the guest reach its `read go`, then tell it to write.
    const log = join(tcp.cp.agent!.runDir(NS, VM)!, 'serial.log');
    await waitFor('the guest to run its user-data', 60_000, () => readFileSync(log, 'latin1').includes('vireo-userdata-end') || undefined, 250);
    const before = scratchWritten(first) ?? 0;
    await waitFor('the guest to write to its scratch disk', 60_000, async () => {
      await typeLine(vmi, 'go');
      const m = await metrics(VM);
      return (scratchWritten(m) ?? 0) >= before + WRITE_BYTES ? m : undefined;
    }, 2000);
    const after = await metrics(VM);
    assert.ok(after.samples.some((x) => (x.diskWriteBytesPerSec ?? 0) > 0), 'a sample shows the writes as a rate');

    // `since` keeps only the recent past.
    const recent = await metrics(VM, 2);
    assert.ok(recent.samples.length >= 1 && recent.samples.length <= 3, `${recent.samples.length} samples in the last 2 s`);
    assert.ok(recent.samples.length < after.samples.length);
  });

  it('vireo top vm prints the current CPU and memory', async () => {
    const r = await vireo(tcp.kubeconfig, 'top', 'vm', '-n', NS);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^NAME\\s+CPU\\(cores\\)\\s+MEMORY\\(bytes\\)\n${VM}\\s+\\d+m\\s+\\d+Mi\n$`), r.stdout);
  });

  it('is listed in discovery, and refuses a VMI that does not exist (404) or does not run (409)', async () => {
    const group = await tcp.client.request<{ resources: { name: string; verbs: string[] }[] }>('GET', '/apis/subresources.kubevirt.io/v1');
    assert.deepEqual(group.resources.find((r) => r.name === 'virtualmachineinstances/metrics')?.verbs, ['get']);
    const missing = await refusal('no-such-vmi');
    assert.equal(missing.code, 404);
    assert.match(missing.message, /virtualmachineinstances.kubevirt.io "no-such-vmi" not found/);
    const pending: VirtualMachineInstance = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'metrics-pending', namespace: NS },
      spec: { nodeSelector: { 'kubernetes.io/hostname': 'nowhere' }, domain: { resources: { requests: { memory: '64Mi' } }, devices: {} } },
    };
    await tcp.client.create(R.vmis, NS, pending);
    const notRunning = await refusal('metrics-pending');
    assert.equal(notRunning.code, 409);
    assert.match(notRunning.message, /VMI is not running/);
  });

  it('draws the Metrics tab and the Utilization card in Chromium', async () => {
    await buildConsole();
    const opened = await openBrowser();
    browser = opened.browser;
    const page = opened.page;
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}/metrics`);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 20_000 });
    // Charts with data: an area path with a real shape, and the current CPU in cores.
    await page.waitForSelector('#chart-cpu svg path[d*="L"]', { timeout: 15_000 });
    await page.waitForSelector('#chart-memory svg path[d*="L"]');
    await page.waitForSelector('#chart-storage svg path[d*="L"]');
    assert.match((await page.locator('#metrics-current-cpu').textContent()) ?? '', /^CPU: \d+(\.\d+)? cores$/);
    assert.equal(await page.locator('#chart-network').getAttribute('class').then((c) => c?.includes('pf-m-info')), true, 'network: not measured, saying why');
    assert.equal(await page.locator('#metrics-error').count(), 0);
    await shot(page, 'vm-metrics-tab');
    await page.click('#metrics-range-1h');
    assert.equal(await page.locator('#metrics-range-1h').getAttribute('aria-pressed'), 'true');
    await page.waitForSelector('#chart-cpu svg path[d*="L"]');

    await page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await page.waitForSelector('#card-utilization #sparkline-cpu svg path[d*="L"]', { timeout: 15_000 });
    await page.waitForSelector('#card-utilization #sparkline-memory svg path[d*="L"]');
    assert.match((await page.locator('#utilization-memory .vireo-metric-value').textContent()) ?? '', /^\d+(\.\d+)? MiB resident, 128 MiB configured$/);
    await shot(page, 'vm-metrics-utilization');
  });
});
