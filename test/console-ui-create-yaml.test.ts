// Create VirtualMachine → With YAML in Debian's Chromium against a real control plane (no node
// agent: the example VM is halted): the example is preloaded and downloadable; a YAML syntax error
// is caught before any request; a memory limit below the request gets the API's cause shown in the
// list and on the field's line, and creates nothing; the example creates the VM and opens it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

const LIMIT = 'spec.template.spec.domain.resources.limits.memory';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

/** The editor's text exactly as Download saves it. */
async function download(): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#create-download')]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Replaces the editor's text the way a paste would. */
async function setText(text: string): Promise<void> {
  await page.locator('#create-yaml .cm-content').fill(text);
  assert.equal((await download()).text, text, 'the editor holds the text');
}

const vmCount = async () => (await tcp.client.list(R.vms, 'default')).items.length;

describe('web console: Create VirtualMachine with YAML in Chromium', { timeout: 180_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane();
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('an invalid VM shows the field-named error and creates nothing; the example creates the VM', async () => {
    await page.click('#create-vm');
    await page.click('#create-with-yaml');
    await page.waitForSelector('#create-yaml .cm-content');
    assert.equal(new URL(page.url()).pathname, '/k8s/ns/default/virtualmachines/~new');

    // The example, as Download gives it: a tiny containerDisk VM in the project.
    const example = await download();
    const vm = parse(example.text) as { kind: string; metadata: { name: string; namespace: string } };
    assert.equal(vm.kind, 'VirtualMachine');
    assert.equal(vm.metadata.namespace, 'default');
    assert.match(vm.metadata.name, /^example-[a-z0-9]{5}$/);
    assert.equal(example.name, `${vm.metadata.name}.yaml`);
    assert.match(example.text, /image: vireo\.local\/tiny:latest/);
    await shot(page, 'create-yaml-1-example');

    // A syntax error: said before any request, and marked in the editor.
    await setText('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: [\n');
    await page.click('#create-submit');
    await page.waitForSelector('#create-error:has-text("The YAML is not valid")');
    await page.waitForSelector('#create-yaml .cm-lintRange-error');

    // Memory limit below the request: the API's cause, named by field, listed and on its line.
    const invalid = example.text.replace(/limits:\n(\s+)memory: 256Mi/, 'limits:\n$1memory: 64Mi');
    assert.notEqual(invalid, example.text);
    await setText(invalid);
    await page.click('#create-submit');
    const cause = page.locator(`#create-error [data-field="${LIMIT}"]`);
    await cause.waitFor({ timeout: 10_000 });
    assert.match((await cause.textContent()) ?? '', new RegExp(`^${LIMIT.replace(/\./g, '\\.')}.*64Mi.*100Mi`));
    assert.match((await page.locator('#create-error').textContent()) ?? '', /Error creating the VirtualMachine/);
    const marked = await page.locator('#create-yaml .cm-lintRange-error').allTextContents();
    assert.deepEqual(marked, ['memory: 64Mi'], 'the limit line is marked');
    assert.equal(await page.locator('#create-yaml .cm-lint-marker-error').count(), 1, 'a gutter marker on that line');
    assert.equal(new URL(page.url()).pathname, '/k8s/ns/default/virtualmachines/~new', 'still on the page');
    assert.equal(await vmCount(), 0, 'nothing was created');
    await shot(page, 'create-yaml-2-invalid');

    // The example again: created, and its details open.
    await page.click('#create-reload');
    assert.equal((await download()).text, example.text);
    assert.equal(await page.locator('#create-error').count(), 0);
    await page.click('#create-submit');
    await page.waitForURL(`**/k8s/ns/default/virtualmachines/${vm.metadata.name}`, { timeout: 10_000 });
    await page.waitForSelector(`#vm-title:has-text("${vm.metadata.name}")`);
    await page.waitForSelector('#vm-status [data-status="Stopped"]', { timeout: 20_000 });
    const stored = await tcp.client.get(R.vms, 'default', vm.metadata.name);
    assert.equal(stored.metadata.name, vm.metadata.name);
    await shot(page, 'create-yaml-3-created');

    // Its Console tab says a halted VM has no console yet.
    await page.getByRole('tab', { name: 'Console', exact: true }).click();
    await page.waitForSelector('#console-not-running');

    // Japanese: the page's strings.
    await page.goto(`${tcp.cp.api.url}/k8s/ns/default/virtualmachines/~new`);
    await page.click('#lang-ja');
    await page.waitForSelector('#create-submit:has-text("作成")');
    await page.waitForSelector('#create-download:has-text("ダウンロード")');
    await shot(page, 'create-yaml-4-ja');
  });
});
