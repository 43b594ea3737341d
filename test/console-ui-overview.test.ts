// Virtualization → Overview in Debian's Chromium against a control plane without a node agent: VMs
// on made-up nodes whose VMI status the test writes (as test/support/simulated-vms.ts does), two
// Halted ones (Stopped). The page shows the counts by status, the vCPUs and memory the running VMIs
// request, the top consumers in order, and a running migration with its nodes and progress; all of
// it follows live when another VM starts. Screenshots land in test/.cache/screenshots/console-overview-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { createSimNodes, handedOver, liveMigratable, SIM_LABEL, updateVmiStatus, writeMigrationState } from './support/simulated-vms.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

function vm(name: string, runStrategy: string, cores: number, memory: string): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy,
      template: {
        metadata: { labels: { 'kubevirt.io/domain': name } },
        spec: { nodeSelector: { [SIM_LABEL]: 'true' }, domain: { cpu: { cores, sockets: 1, threads: 1 }, resources: { requests: { memory } }, devices: {} } },
      },
    },
  } as VirtualMachine;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Creates the VM and, as an agent would, reports its VMI Running on sim-a. */
async function runVm(name: string, cores: number, memory: string): Promise<void> {
  await tcp.client.create(R.vms, NS, vm(name, 'Always', cores, memory));
  await waitFor(`VMI ${name} created`, 10_000, () => tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name), 50);
  await updateVmiStatus(tcp.client, NS, name, (s) => {
    s.phase = 'Running';
    s.nodeName = 'sim-a';
    s.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: now() }, liveMigratable({})];
  });
}

const shot = (name: string) => saveShot(page, `console-overview-${name}`);
const text = async (sel: string) => ((await page.locator(sel).textContent()) ?? '').trim();
const waitText = (sel: string, want: string, what: string, timeout = 20_000) =>
  page.waitForFunction(({ sel, want }) => document.querySelector(sel)?.textContent?.trim() === want, { sel, want }, { timeout }).catch(async (e: Error) => {
    throw new Error(`${what}: ${sel} is "${await text(sel).catch(() => '?')}", not "${want}" (${e.message})`);
  });
const counts = async () => {
  const out: Record<string, string> = {};
  for (const b of ['running', 'stopped', 'error', 'migrating', 'paused', 'other']) out[b] = await text(`#overview-count-${b}`);
  return out;
};
const listed = async (sel: string) => page.locator(`${sel} li`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-vm')} ${e.querySelector('.overview-value')?.textContent ?? ''}`));

describe('web console: Virtualization overview in Chromium', { timeout: 180_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane();
    await createSimNodes(tcp.client, ['sim-a', 'sim-b']);
    await runVm('big', 4, '4Gi');
    await runVm('mid', 2, '2Gi');
    await runVm('small', 1, '512Mi');
    await tcp.client.create(R.vms, NS, vm('off1', 'Halted', 8, '8Gi'));
    await tcp.client.create(R.vms, NS, vm('off2', 'Halted', 1, '1Gi'));
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('the Overview nav item shows the counts, the usage, the top consumers and no migration', async () => {
    await page.locator('nav[aria-label="Virtualization"]').getByText('Overview', { exact: true }).click();
    await page.waitForURL(/\/k8s\/all-namespaces\/virtualization-overview$/, { timeout: 5_000 });
    await waitText('#overview-count-running', '3', 'running VMs');
    await waitText('#overview-count-stopped', '2', 'stopped VMs');
    assert.deepEqual(await counts(), { running: '3', stopped: '2', error: '0', migrating: '0', paused: '0', other: '0' });
    assert.equal(await text('#overview-total'), '5 VirtualMachines');
    assert.equal(await text('#overview-vcpus'), '7');
    assert.equal(await text('#overview-memory'), '6.5 GiB');
    assert.equal(await text('#overview-usage-help'), 'Requested by the 3 running VirtualMachineInstances');
    assert.deepEqual(await listed('#overview-top-memory'), [`${NS}/big 4 GiB`, `${NS}/mid 2 GiB`, `${NS}/small 512 MiB`]);
    assert.deepEqual(await listed('#overview-top-cpu'), [`${NS}/big 4 vCPUs`, `${NS}/mid 2 vCPUs`, `${NS}/small 1 vCPUs`]);
    assert.equal(await text('#overview-no-migrations'), 'No running migrations');
    await shot('1-initial');
  });

  it('follows live: another VM starts, a migration runs with its nodes and progress', async () => {
    await runVm('huge', 6, '8Gi');
    await waitText('#overview-count-running', '4', 'running VMs after another started');
    await waitText('#overview-vcpus', '13', 'vCPUs after another started');
    assert.equal(await text('#overview-memory'), '14.5 GiB');
    assert.equal(await text('#overview-total'), '6 VirtualMachines');
    assert.deepEqual(await listed('#overview-top-memory'), [`${NS}/huge 8 GiB`, `${NS}/big 4 GiB`, `${NS}/mid 2 GiB`, `${NS}/small 512 MiB`]);
    assert.deepEqual((await listed('#overview-top-cpu'))[0], `${NS}/huge 6 vCPUs`);

    const m = await tcp.client.create<VirtualMachineInstanceMigration>(R.vmims, NS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: 'mid-move', namespace: NS },
      spec: { vmiName: 'mid' },
    } as VirtualMachineInstanceMigration);
    const state = await handedOver(tcp.client, NS, 'mid', m.metadata.uid!);
    // Plays the source agent: the migration has started and a quarter of the data is left.
    await writeMigrationState(tcp.client, NS, 'mid', { startTimestamp: now(), dataTotalBytes: 1000, dataRemainingBytes: 250 });
    const item = `#overview-migrations li[data-migration="${NS}/mid-move"]`;
    await page.waitForSelector(`${item} .overview-progress[data-progress="75"]`, { timeout: 20_000 });
    assert.equal(await text(`${item} .overview-nodes`), `sim-a → ${state.targetNode}`);
    assert.match(await text(`${item} .overview-progress`), /75%/);
    await waitText('#overview-count-migrating', '1', 'migrating VMs');
    assert.equal(await text('#overview-count-running'), '3');
    await shot('2-live');

    // The link of a top consumer opens its details.
    await page.click(`#overview-top-memory li[data-vm="${NS}/huge"] a`);
    await page.waitForSelector('#vm-title', { timeout: 15_000 });
    assert.match(page.url(), /\/k8s\/ns\/default\/virtualmachines\/huge$/);
  });
});
