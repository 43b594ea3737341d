// Create VirtualMachine → From template in Debian's Chromium, as seed 000's lab does it, against a
// real control plane whose node agent runs guests under TCG: the catalog shows the tiny Linux tile
// with "Source available" (its boot source is imported at start) and a Fedora tile without it
// (Quick create disabled, saying why); Quick create from the tiny tile with a typed name lands on
// the new VM's details, live from Provisioning to Running, and the VM is in the API as asked. An API
// error (a project that does not exist) shows in the panel. Screenshots: test/.cache/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

const NS = 'default';
const VM = 'catalog-tiny1';
const TINY = '[data-template="vireo-tiny-server-small"]';
const FEDORA = '[data-template="fedora-server-small"]';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const ariaDisabled = async (sel: string) => (await page.locator(sel).getAttribute('aria-disabled')) === 'true';

describe('web console: Create VirtualMachine from template (Quick create) in Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('catalog → badge on the tiny tile, Fedora blocked with the reason → Quick create → Running', async (t) => {
    await page.click('#create-vm');
    await page.click('#create-from-template');
    await page.waitForURL(`**/k8s/ns/${NS}/templatescatalog`);
    assert.equal(await page.locator('#catalog-project').inputValue(), NS);

    // One tile per OS; the tiny boot source becomes Ready while we look (imported at start).
    await page.waitForSelector(`${TINY}[data-source-available="true"] .source-available:has-text("Source available")`, { timeout: 120_000 });
    assert.equal(await page.locator('.template-tile').count(), 11);
    assert.equal(await page.locator(`${FEDORA}[data-source-available="false"]`).count(), 1);
    assert.equal(await page.locator(`${FEDORA} .source-available`).count(), 0);
    await shot(page, 'catalog-1-tiles');

    // Filters and search.
    await page.check('#filter-available');
    await page.waitForFunction(() => document.querySelectorAll('.template-tile').length === 1);
    await page.uncheck('#filter-available');
    await page.fill('#catalog-search input', 'fedora');
    await page.waitForFunction(() => document.querySelectorAll('.template-tile').length === 1);
    await page.click('#catalog-mode-all');
    await page.waitForFunction(() => document.querySelectorAll('.template-tile').length === 12, undefined, { timeout: 5_000 });
    await page.click('#catalog-mode-default');
    await page.fill('#catalog-search input', '');

    // Fedora: no boot source, so Quick create is disabled and the panel says why.
    await page.click(`${FEDORA} button`);
    await page.waitForSelector('#quick-create-panel[data-template="fedora-server-small"]');
    assert.ok(await ariaDisabled('#quick-create-submit'));
    assert.match((await page.locator('#quick-create-blocked').textContent()) ?? '', /vireo-os-images\/fedora.*No source PVC set/);
    await shot(page, 'catalog-2-fedora-no-source');

    await page.click('#quick-create-cancel');
    await page.waitForSelector('#quick-create-panel', { state: 'detached' });

    // The tiny tile: a random name, the rule checked as typed, then the lab's name.
    await page.click(`${TINY} button`);
    await page.waitForSelector('#quick-create-panel[data-template="vireo-tiny-server-small"]');
    assert.match(await page.locator('#quick-create-name').inputValue(), /^vireo-tiny-[a-z0-9]{8}$/);
    assert.equal(await page.locator('#quick-create-blocked').count(), 0);
    assert.equal(await page.locator('#info-cpu-memory').textContent(), '1 CPU | 256 MiB Memory');
    await page.fill('#quick-create-name', 'Tiny.1');
    await page.waitForSelector('#quick-create-name-problems:has-text("only lowercase letters")');
    assert.ok(await ariaDisabled('#quick-create-submit'));
    await page.fill('#quick-create-name', VM);
    await page.waitForSelector('#quick-create-name-problems', { state: 'detached' });
    assert.ok(await page.locator('#quick-create-start').isChecked());
    assert.ok(!(await ariaDisabled('#quick-create-submit')));
    await shot(page, 'catalog-3-quick-create');

    // Record every status the details page shows, to see it go there live.
    await page.click('#quick-create-submit');
    await page.waitForURL(`**/k8s/ns/${NS}/virtualmachines/${VM}`, { timeout: 20_000 });
    // A string, not a function: tsx's transform would name the helper with a __name the page lacks.
    await page.evaluate(`{
      const s = (window.vireoStatuses = []);
      const note = () => {
        const v = document.querySelector('#vm-status [data-status]')?.getAttribute('data-status');
        if (v && s[s.length - 1] !== v) s.push(v);
      };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
    }`);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 180_000 });
    const statuses = (await page.evaluate('window.vireoStatuses')) as string[];
    assert.equal(statuses[statuses.length - 1], 'Running');
    t.diagnostic(`statuses seen: ${statuses.join(' → ')}`);
    assert.ok(statuses.length > 1, `the status changed live: ${statuses.join(' → ')}`);
    assert.ok(!statuses.includes('Stopped'), 'a VM being started never shows Stopped on the way');
    assert.match((await page.locator('#project-tree').textContent()) ?? '', new RegExp(VM), 'the tree lists the new VM');
    await shot(page, 'catalog-4-running');

    const vm = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.equal(vm.spec?.runStrategy, 'Always');
    assert.equal(vm.metadata.labels?.['vm.kubevirt.io/template'], 'vireo-tiny-server-small');
    assert.equal(vm.spec?.dataVolumeTemplates?.[0].spec?.sourceRef?.name, 'vireo-tiny');
  });

  it('an API error is shown in the panel; the page speaks Japanese', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/no-such-project/templatescatalog`);
    await page.click(`${TINY} button`);
    await page.click('#quick-create-submit');
    await page.waitForSelector('#quick-create-error:has-text("Quick create error")', { timeout: 10_000 });
    assert.match((await page.locator('#quick-create-error').textContent()) ?? '', /no-such-project/);
    await shot(page, 'catalog-5-api-error');

    await page.click('#lang-ja');
    await page.waitForSelector(`${TINY} .source-available:has-text("ソースが利用可能")`);
    await page.waitForSelector('#quick-create-submit:has-text("VirtualMachine のクイック作成")');
    await shot(page, 'catalog-6-ja');
  });
});
