// The VM details YAML tab in Debian's Chromium (no node agent): edit the VM's YAML and Save (the
// change is in the API), a change made by someone else while the user edits is a conflict shown
// with Reload (never overwritten), and an invalid field is refused with the API's cause shown.
// Screenshots: test/.cache/screenshots/console-yaml-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'yaml-vm';
let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const shot = (name: string) => saveShot(page, `console-yaml-${name}`);
const editorText = () => page.locator('#vm-yaml .cm-content').innerText();
/** Replaces the first occurrence of `from` in the editor's text (the editor is filled as a whole). */
async function edit(from: string, to: string): Promise<void> {
  const text = await editorText();
  assert.ok(text.includes(from), `the YAML shows ${from}`);
  await page.locator('#vm-yaml .cm-content').fill(text.replace(from, to));
}
const getVm = () => tcp.client.get<VirtualMachine>(R.vms, NS, VM);

describe('web console: the VM YAML tab in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: false });
    await tcp.client.create(R.vms, NS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: VM, namespace: NS, labels: { app: 'before' } },
      spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {}, resources: { requests: { memory: '128Mi' } } } } } },
    } as VirtualMachine);
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('saves an edit, which the API then holds', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}/yaml`);
    await page.locator('#vm-yaml .cm-content').waitFor({ timeout: 15_000 });
    await waitFor('the VM controller\'s status in the text', 10_000, async () => ((await editorText()).includes('printableStatus') ? true : undefined), 100);
    assert.equal(await page.isDisabled('#vm-yaml-save'), true, 'nothing to save before an edit');
    await edit('app: before', 'app: after');
    await page.click('#vm-yaml-save');
    await page.locator('#vm-yaml-saved').waitFor({ timeout: 10_000 });
    assert.equal((await getVm()).metadata.labels?.['app'], 'after');
    await shot('1-saved');
  });

  it('a change made meanwhile is a conflict with Reload, not overwritten', async () => {
    await edit('app: after', 'app: mine');
    const vm = await getVm();
    await tcp.client.mergePatch(R.vms, NS, VM, { metadata: { labels: { owner: 'someone-else' } } });
    await page.locator('#vm-yaml-changed').waitFor({ timeout: 10_000 });
    await page.click('#vm-yaml-save');
    await page.locator('#vm-yaml-conflict').waitFor({ timeout: 10_000 });
    const now = await getVm();
    assert.equal(now.metadata.labels?.['app'], 'after', 'the other change was not overwritten');
    assert.notEqual(now.metadata.resourceVersion, vm.metadata.resourceVersion);
    await shot('2-conflict');
    await page.click('#vm-yaml-reload');
    await waitFor('the reloaded text', 10_000, async () => ((await editorText()).includes('owner: someone-else') ? true : undefined), 100);
    assert.equal(await page.locator('#vm-yaml-conflict').count(), 0);
  });

  it('an invalid field is refused with the API\'s cause, and nothing is stored', async () => {
    const before = (await getVm()).metadata.resourceVersion;
    await edit('memory: 128Mi', 'memory: lots');
    await page.click('#vm-yaml-save');
    await page.locator('#vm-yaml-error').getByText(/memory/).first().waitFor({ timeout: 10_000 });
    assert.equal((await getVm()).metadata.resourceVersion, before);
    await shot('3-invalid');
  });
});
