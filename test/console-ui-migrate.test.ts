// Seed 000's last section in Debian's Chromium against two real node agents under TCG (node1 on
// 127.0.0.1 in the control plane's process, node2 on 127.0.0.2 beside it, as migration-e2e does):
// Actions → Migrate on the details page moves a running tiny guest — the Migration tile ends
// Succeeded with the downtime, the node field names the other node and the launcher pod is a new
// one; with the bandwidth throttled the status shows Migrating with a percentage (list and details)
// and Cancel migration from the list's kebab leaves the guest where it was; a VM with a hostDisk
// offers Migrate greyed with the LiveMigratable condition's message, and a stopped VM with "not
// running". Screenshots land in test/.cache/screenshots/console-migrate-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import type { TestControlPlane } from './support/controlplane.ts';
import { startTwoNodes, type TwoNodes } from './support/two-nodes.ts';
import { TINY_IMAGE } from './support/vm-e2e.ts';

const NS = 'default';
const MOVER = 'mover';
const PINNED = 'pinned';

let tcp: TestControlPlane;
let nodes: TwoNodes;
let browser: Browser;
let page: Page;

function vm(name: string, hostDiskPath?: string): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          terminationGracePeriodSeconds: 10,
          domain: {
            resources: { requests: { memory: '128Mi' } },
            devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, ...(hostDiskPath ? [{ name: 'data', disk: { bus: 'virtio' } }] : [])] },
          },
          volumes: [
            { name: 'root', containerDisk: { image: TINY_IMAGE } },
            ...(hostDiskPath ? [{ name: 'data', hostDisk: { path: hostDiskPath, type: 'DiskOrCreate', capacity: '16Mi' } }] : []),
          ],
        },
      },
    },
  } as VirtualMachine;
}

async function setBandwidth(bw: string | null): Promise<void> {
  await tcp.client.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, { spec: { liveMigrationConfig: { bandwidthPerMigration: bw } } });
}

const shot = (name: string) => saveShot(page, `console-migrate-${name}`);
const text = async (sel: string) => ((await page.locator(sel).textContent()) ?? '').trim();
/** Waits until the element's trimmed text matches `re`; says what it was on a time-out. */
const waitText = (sel: string, re: RegExp, what: string, timeout = 30_000) =>
  page
    .waitForFunction(({ sel, src, flags }) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent?.trim() ?? ''), { sel, src: re.source, flags: re.flags }, { timeout })
    .catch(async (e: Error) => {
      throw new Error(`${what}: ${sel} is "${await text(sel).catch(() => '?')}" (${e.message})`);
    });
const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true });
const row = (name: string) => `#vm-table tr[data-vm="${NS}/${name}"]`;

async function openDetails(name: string): Promise<void> {
  await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${name}`);
  await page.waitForSelector('#vm-title', { timeout: 15_000 });
}

async function openActions(): Promise<void> {
  await page.click('#actions-menu');
  await menuItem('Migrate').waitFor({ timeout: 5_000 });
}

/** Hovers a greyed menu item and returns its tooltip's text (with a screenshot of it, if named). */
async function reasonOf(item: string, shotName?: string): Promise<string> {
  const tip = page.locator('.vm-action-reason');
  // Live updates re-render the menu, which can take an item's tooltip away between showing it and
  // reading it: hover again (a few times) until the text is read.
  for (let attempt = 1; ; attempt++) {
    // A menu opens under the mouse, which may rest on another item and show its tooltip: away first.
    await page.mouse.move(5, 5);
    if ((await tip.count()) > 0) await tip.waitFor({ state: 'detached', timeout: 5_000 });
    await menuItem(item).hover();
    try {
      await tip.waitFor({ timeout: 5_000 });
      if (shotName) await shot(shotName);
      const reason = ((await tip.textContent({ timeout: 2_000 })) ?? '').trim();
      // Away again, so the next look finds the next item's tooltip, not this one.
      await page.mouse.move(5, 5);
      await tip.waitFor({ state: 'detached', timeout: 5_000 });
      return reason;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

describe('web console: live migration between two nodes in Chromium', { timeout: 480_000 }, () => {
  before(async () => {
    await buildConsole();
    nodes = await startTwoNodes();
    ({ tcp } = nodes);
    await tcp.client.create(R.vms, NS, vm(MOVER));
    await tcp.client.create(R.vms, NS, vm(PINNED, join(tcp.dataDir, 'hostdisks', `${PINNED}.img`)));
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await nodes?.stop();
  });

  it('greys Migrate in the list kebab with the LiveMigratable message for a VM with a hostDisk', async () => {
    await page.waitForSelector(`${row(PINNED)} [data-status="Running"]`, { timeout: 120_000 });
    await page.waitForSelector(`${row(MOVER)} [data-status="Running"]`, { timeout: 120_000 });
    await page.click(`${row(PINNED)} .vm-kebab`);
    await menuItem('Migrate').waitFor({ timeout: 5_000 });
    assert.equal(await menuItem('Migrate').getAttribute('aria-disabled'), 'true');
    assert.equal(await menuItem('Cancel migration').isDisabled(), true);
    assert.equal(await menuItem('Stop').isDisabled(), false);
    assert.equal(await reasonOf('Migrate', '1-hostdisk-greyed'), `Not live-migratable: volume "data" is a hostDisk, which lives on this node only`);
    await page.keyboard.press('Escape');
  });

  it('Actions → Migrate: the tile ends Succeeded, the node and the launcher pod change', async () => {
    await openDetails(MOVER);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 30_000 });
    await waitText('#vm-pod', /^virt-launcher-/, 'the launcher pod');
    const podBefore = await text('#vm-pod');
    const from = await text('#vm-node');
    const to = from === 'node1' ? 'node2' : 'node1';
    assert.ok(['node1', 'node2'].includes(from), from);
    assert.equal(await text('#migration-none'), 'This VirtualMachine has not been migrated.');
    // Record every status the header shows: a TCG migration of the tiny guest takes about a second,
    // so Migrating may come and go between two looks.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenStatus: string[] }).seenStatus = seen;
      const el = document.querySelector('#vm-status')!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    await openActions();
    assert.equal(await menuItem('Migrate').isDisabled(), false);
    assert.equal(await menuItem('Cancel migration').isDisabled(), true);
    assert.equal(await reasonOf('Cancel migration'), 'No migration is in progress.');
    await menuItem('Migrate').click();
    // The dialog's default is "Automatically selected node".
    await page.click('#migrate-confirm');

    await page.waitForSelector('#migration-result [data-outcome="succeeded"]', { timeout: 120_000 });
    assert.equal(await text('#migration-phase'), 'Succeeded');
    assert.equal(await text('#migration-result'), 'Succeeded');
    assert.equal(await text('#migration-nodes'), `${from} → ${to}`);
    assert.match(await text('#migration-downtime'), /^\d+ ms$/);
    assert.match(await text('#migration-name'), new RegExp(`^${MOVER}-migration-[a-z0-9]{5}$`));
    await waitText('#vm-node', new RegExp(`^${to}$`), 'the node after the migration');
    await page.waitForFunction((before) => /^virt-launcher-/.test(document.querySelector('#vm-pod')?.textContent ?? '') && document.querySelector('#vm-pod')?.textContent !== before, podBefore, { timeout: 30_000 });
    const podAfter = await text('#vm-pod');
    assert.notEqual(podAfter, podBefore);
    assert.equal(await text('#migration-target-pod'), podAfter);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 30_000 });
    assert.equal(await page.locator('.action-error').count(), 0, 'no action failed');
    const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus);
    for (const s of seen.filter((x) => x.startsWith('Migrating'))) assert.match(s, /^Migrating\d{1,2}%$/, 'Migrating always carries its percentage');
    console.log(`statuses seen during the migration: ${[...new Set(seen)].join(', ')}`);
    await page.locator('#card-migration').scrollIntoViewIfNeeded();
    await shot('2-succeeded');
  });

  it('throttled: Migrating with its percentage in the details and the list; Cancel migration from the kebab', async () => {
    await setBandwidth('1Mi');
    try {
      await openDetails(MOVER);
      await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 30_000 });
      const home = await text('#vm-node');
      await openActions();
      await menuItem('Migrate').click();
      await page.click('#migrate-confirm');
      await page.waitForSelector('#vm-status [data-status="Migrating"]', { timeout: 60_000 });
      assert.match(await text('#vm-status .vireo-status-progress'), /^\d{1,2}%$/);
      assert.equal(await text('#migration-phase'), 'Running');
      assert.match(await text('#migration-progress'), /\d+%/);
      await openActions();
      assert.equal(await menuItem('Migrate').getAttribute('aria-disabled'), 'true');
      assert.equal(await reasonOf('Migrate'), 'A migration of this VirtualMachine is in progress.');
      assert.equal(await menuItem('Cancel migration').isDisabled(), false);
      await shot('3-migrating-details');
      await page.keyboard.press('Escape');

      await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines`);
      await page.waitForSelector(`${row(MOVER)} [data-status="Migrating"] .vireo-status-progress`, { timeout: 15_000 });
      await shot('4-migrating-list');
      await page.click(`${row(MOVER)} .vm-kebab`);
      await menuItem('Cancel migration').click();

      await page.click(`${row(MOVER)} a`);
      await page.waitForSelector('#migration-result [data-outcome="cancelled"]', { timeout: 60_000 });
      assert.match(await text('#migration-result'), /^Cancelled: /);
      assert.equal(await text('#migration-phase'), 'Failed');
      await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 30_000 });
      assert.equal(await text('#vm-node'), home, 'the guest stayed where it was');
      assert.equal(await page.locator('.action-error').count(), 0, 'no action failed');
      await page.locator('#card-migration').scrollIntoViewIfNeeded();
      await shot('5-cancelled');
    } finally {
      await setBandwidth(null);
    }
  });

  it('a refused migration shows the API\'s message in the Migrate dialog', async () => {
    // The menus grey out what the server refuses, so play the refusal: answer the next migrate
    // request with the 409 Status the API sends when another client won the race.
    const message = `Operation cannot be fulfilled on virtualmachine.kubevirt.io "${MOVER}": in-flight migration detected`;
    await page.route('**/migrate', (r) => r.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Conflict', code: 409, message }) }), { times: 1 });
    await openDetails(MOVER);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 30_000 });
    await openActions();
    await menuItem('Migrate').click();
    await page.click('#migrate-confirm');
    const alert = page.locator('#migrate-error');
    await alert.waitFor({ timeout: 10_000 });
    assert.match((await alert.textContent()) ?? '', /The migration was not started/);
    assert.match((await alert.textContent()) ?? '', /in-flight migration detected/);
    await shot('6-refused');
    await page.click('#migrate-cancel');
  });

  it('a stopped VM: Migrate greyed as not running; Japanese wording', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/all-namespaces/virtualmachines`);
    await page.click(`${row(PINNED)} .vm-kebab`);
    await menuItem('Stop').click();
    await page.waitForSelector(`${row(PINNED)} [data-status="Stopped"]`, { timeout: 90_000 });
    await page.click(`${row(PINNED)} .vm-kebab`);
    await menuItem('Migrate').waitFor({ timeout: 5_000 });
    assert.equal(await menuItem('Migrate').getAttribute('aria-disabled'), 'true');
    assert.equal(await reasonOf('Migrate'), 'The VirtualMachine is not running.');
    assert.equal(await menuItem('Start').isDisabled(), false);
    await page.keyboard.press('Escape');

    await page.click('#lang-ja');
    await page.click(`${row(PINNED)} .vm-kebab`);
    await menuItem('移行').waitFor({ timeout: 5_000 });
    assert.equal(await menuItem('移行のキャンセル').isDisabled(), true);
    assert.equal(await reasonOf('移行', '7-stopped-ja'), 'VirtualMachine は実行されていません。');
    await page.keyboard.press('Escape');
    await page.click('#lang-en');
  });
});
