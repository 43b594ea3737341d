// The VirtualMachines list's toolbar in Debian's Chromium against a control plane without a node
// agent: 25 VMs in two projects, some "running" on made-up nodes (the test writes their VMI status,
// as test/support/simulated-vms.ts does). Pages of 15 and 50, name search, status / node / OS / label
// filters with their chips, the column chooser adding CPU and memory (sortable by size), and a bulk
// Start on selected stopped VMs that the API then shows started. Screenshots:
// test/.cache/screenshots/console-list-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { createSimNodes, SIM_LABEL, updateVmiStatus } from './support/simulated-vms.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

function vm(ns: string, name: string, runStrategy: string, o: { memory: string; os: string; labels?: Record<string, string> }): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: ns, labels: { ...o.labels, [`os.template.kubevirt.io/${o.os}`]: 'true' } },
    spec: {
      runStrategy,
      template: {
        spec: { nodeSelector: { [SIM_LABEL]: 'true' }, domain: { cpu: { cores: 1 }, resources: { requests: { memory: o.memory } }, devices: {} } },
      },
    },
  } as VirtualMachine;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

async function runOn(ns: string, name: string, node: string): Promise<void> {
  await waitFor(`VMI ${name} created`, 10_000, () => tcp.client.tryGet<VirtualMachineInstance>(R.vmis, ns, name), 50);
  await updateVmiStatus(tcp.client, ns, name, (s) => {
    s.phase = 'Running';
    s.nodeName = node;
    s.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: now() }];
  });
}

const shot = (name: string) => saveShot(page, `console-list-${name}`);
/** The VM rows shown, as namespace/name, in order. */
const shown = () => page.locator('#vm-table tbody tr[data-vm]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vm') ?? ''));
const waitRows = async (want: string[], what: string) => {
  await page
    .waitForFunction((want) => JSON.stringify([...document.querySelectorAll('#vm-table tbody tr[data-vm]')].map((r) => r.getAttribute('data-vm'))) === JSON.stringify(want), want, { timeout: 15_000 })
    .catch(async (e: Error) => {
      throw new Error(`${what}: rows are ${JSON.stringify(await shown())}, not ${JSON.stringify(want)} (${e.message})`);
    });
};
const pick = async (select: string, value: string) => {
  await page.click(`#${select}-toggle`);
  await page.locator(`[data-value="${value}"]`).first().click();
  await page.click(`#${select}-toggle`);
};

describe('web console: the VM list toolbar in Chromium', { timeout: 180_000 }, () => {
  const webs = Array.from({ length: 20 }, (_, i) => `web-${String(i + 1).padStart(2, '0')}`);
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane();
    await createSimNodes(tcp.client, ['sim-a', 'sim-b']);
    await tcp.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } });
    for (const [i, name] of webs.entries()) {
      await tcp.client.create(R.vms, 'default', vm('default', name, i < 4 ? 'Always' : 'Halted', { memory: `${(i % 5) + 1}Gi`, os: 'fedora', labels: { app: 'web', ...(i % 2 ? { tier: 'odd' } : {}) } }));
    }
    for (const name of ['db-1', 'db-2', 'db-3', 'db-4', 'db-5']) await tcp.client.create(R.vms, 'team-b', vm('team-b', name, name === 'db-1' ? 'Always' : 'Halted', { memory: '512Mi', os: 'rhel9', labels: { app: 'db' } }));
    for (const [i, name] of webs.slice(0, 4).entries()) await runOn('default', name, i % 2 ? 'sim-b' : 'sim-a');
    await runOn('team-b', 'db-1', 'sim-b');
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('shows 15 rows a page by default, the next page, and 50 a page when chosen', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/all-namespaces/virtualmachines`);
    const first = ['team-b/db-1', 'team-b/db-2', 'team-b/db-3', 'team-b/db-4', 'team-b/db-5', ...webs.slice(0, 10).map((w) => `default/${w}`)];
    await waitRows(first, 'page 1 of 15');
    await page.locator('#vm-pagination').getByRole('button', { name: /next/i }).click();
    await waitRows(webs.slice(10).map((w) => `default/${w}`), 'page 2 of 15');
    await shot('1-paged');
    // The page's requests and watches share one HTTP/2 connection (over HTTP/1.1 the browser's six
    // connections per host would all be held by watches).
    const protocols = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').filter((e) => /\/apis?\//.test(e.name)).map((e) => (e as PerformanceResourceTiming).nextHopProtocol))]);
    assert.deepEqual(protocols, ['h2']);
    await page.click('#vm-pagination button.pf-v6-c-menu-toggle');
    await page.getByRole('menuitem', { name: '50 per page', exact: true }).click();
    await waitFor('25 rows', 15_000, async () => ((await shown()).length === 25 ? true : undefined), 100);
    await page.click('#vm-pagination button.pf-v6-c-menu-toggle');
    await page.getByRole('menuitem', { name: '15 per page', exact: true }).click();
    await waitRows(first, 'back to 15 a page');
  });

  it('name search, then status, node, OS and label filters narrow the rows; chips clear them', async () => {
    await page.fill('#vm-search input', 'db');
    await waitRows(['team-b/db-1', 'team-b/db-2', 'team-b/db-3', 'team-b/db-4', 'team-b/db-5'], 'searched "db"');
    await page.fill('#vm-search input', '');
    await pick('filter-status', 'Running');
    await waitRows(['team-b/db-1', ...webs.slice(0, 4).map((w) => `default/${w}`)], 'status Running');
    await pick('filter-node', 'sim-b');
    await waitRows(['team-b/db-1', 'default/web-02', 'default/web-04'], 'Running on sim-b');
    await pick('filter-os', 'fedora');
    await waitRows(['default/web-02', 'default/web-04'], 'Running fedora on sim-b');
    await shot('2-filtered');
    await page.getByRole('button', { name: 'Clear all filters' }).first().click();
    await page.fill('#filter-label', 'tier=odd');
    await page.press('#filter-label', 'Enter');
    await waitRows(webs.filter((_w, i) => i % 2).map((w) => `default/${w}`), 'label tier=odd');
    await page.fill('#filter-label', 'bad key=');
    assert.equal(await page.getAttribute('#filter-label', 'aria-invalid'), 'true', 'an invalid label filter is marked');
    await page.fill('#filter-label', '');
    await page.getByRole('button', { name: 'Clear all filters' }).first().click();
    await waitFor('all rows back', 10_000, async () => ((await shown()).length === 15 ? true : undefined), 100);
  });

  it('the column chooser adds CPU and memory, and memory sorts by size', async () => {
    assert.equal(await page.locator('#vm-table th[data-col="memory"]').count(), 0, 'memory is not shown at first');
    await pick('manage-columns', 'memory');
    await pick('manage-columns', 'cpu');
    await page.waitForSelector('#vm-table th[data-col="memory"]');
    await page.locator('#vm-table th[data-col="memory"] button').click();
    await waitFor('sorted by memory', 10_000, async () => {
      const mem = await page.locator('#vm-table tbody td[data-col="memory"]').allTextContents();
      return mem.slice(0, 6).join(',') === '512Mi,512Mi,512Mi,512Mi,512Mi,1Gi' ? true : undefined;
    }, 100);
    assert.deepEqual(await page.locator('#vm-table tbody td[data-col="cpu"]').allTextContents(), Array(15).fill('1'));
    await shot('3-columns');
  });

  it('bulk Start starts the selected stopped VMs and skips the running one', async () => {
    await page.fill('#vm-search input', 'db');
    await waitFor('db rows', 10_000, async () => ((await shown()).length === 5 ? true : undefined), 100);
    for (const name of ['db-1', 'db-2', 'db-3']) await page.locator(`tr[data-vm="team-b/${name}"] td input[type=checkbox]`).check();
    await page.click('#bulk-start');
    for (const name of ['db-2', 'db-3']) {
      await waitFor(`${name} started`, 10_000, async () => ((await tcp.client.get<VirtualMachine>(R.vms, 'team-b', name)).spec?.runStrategy === 'Always' ? true : undefined), 100);
    }
    for (const name of ['db-4', 'db-5']) assert.equal((await tcp.client.get<VirtualMachine>(R.vms, 'team-b', name)).spec?.runStrategy, 'Halted', `${name} was not selected`);
    assert.equal(await page.locator('.pf-v6-c-alert.pf-m-danger').count(), 0, 'no action failed');
    await shot('4-bulk-started');
  });
});
