// The project tree of seed 000's VirtualMachines view in Debian's Chromium (no node agent needed):
// folders from the `vm.openshift.io/folder` label (selecting one narrows the list), a VM dragged into another folder and back out to
// its project (the label follows, read back through the API), and "Create project" refusing a bad
// name as it is typed, then creating the Namespace with OpenShift's display-name and description
// annotations and opening it. Screenshots: test/.cache/screenshots/console-tree-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import type { Namespace } from '../src/api/core/namespace.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'lab';
const FOLDER = 'vm.openshift.io/folder';
let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const vm = (name: string, folder?: string): VirtualMachine =>
  ({
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS, labels: folder ? { [FOLDER]: folder } : {} },
    spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {}, resources: { requests: { memory: '128Mi' } } } } } },
  }) as VirtualMachine;

const shot = (name: string) => saveShot(page, `console-tree-${name}`);
const folderOf = async (name: string) => (await tcp.client.get<VirtualMachine>(R.vms, NS, name)).metadata.labels?.[FOLDER];
const node = (id: string) => page.locator(`#project-tree [data-tree-id="${id}"]`);

describe('web console: project tree folders and project creation in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: false });
    await tcp.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await tcp.client.create(R.vms, NS, vm('web-1', 'frontend'));
    await tcp.client.create(R.vms, NS, vm('db-1', 'backend'));
    await tcp.client.create(R.vms, NS, vm('loose'));
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('shows the folders of a project, and a VM dragged between folders changes its folder label', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines`);
    await node(`folder/${NS}/frontend`).waitFor({ timeout: 15_000 });
    // Selecting a folder opens it and narrows the list to its VMs.
    await node(`folder/${NS}/frontend`).click();
    await page.locator('#project-tree [data-drag-vm="lab/web-1"]').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('#vm-table tbody tr[data-vm]')].map((r) => r.getAttribute('data-vm')).join() === 'lab/web-1', undefined, { timeout: 10_000 });
    await shot('1-folders');
    await page.locator('#project-tree [data-drag-vm="lab/web-1"]').dragTo(node(`folder/${NS}/backend`));
    await waitFor('web-1 in backend', 10_000, async () => ((await folderOf('web-1')) === 'backend' ? true : undefined), 100);
    // The frontend folder had only web-1: it is gone from the tree; backend counts two.
    await page.waitForFunction((id) => !document.querySelector(`#project-tree [data-tree-id="${id}"]`), `folder/${NS}/frontend`, { timeout: 10_000 });
    await page.locator(`#project-tree li[id="folder/${NS}/backend"] button`).first().click();
    await page.locator('#project-tree [data-drag-vm="lab/web-1"]').dragTo(node(`ns/${NS}`));
    await waitFor('web-1 out of its folder', 10_000, async () => ((await folderOf('web-1')) === undefined ? true : undefined), 100);
    assert.equal(await folderOf('db-1'), 'backend', 'the other VM stayed');
    await shot('2-moved');
  });

  it('Create project checks the name as typed, then creates the Namespace and opens it', async () => {
    await page.click('#create-project');
    await page.fill('#project-name', 'My Lab');
    await page.locator('#project-name-problems').getByText('Use only lowercase letters').waitFor();
    assert.equal(await page.isDisabled('#create-project-submit'), true);
    await page.fill('#project-name', 'kube-lab');
    await page.locator('#project-name-problems').getByText('reserved for the platform').waitFor();
    await page.fill('#project-name', 'vmexamples');
    await page.fill('#project-display-name', 'VM examples');
    await page.fill('#project-description', 'The hands-on lab');
    await shot('3-create-project');
    await page.click('#create-project-submit');
    await page.waitForURL(/\/k8s\/ns\/vmexamples\/virtualmachines$/, { timeout: 10_000 });
    const ns = await tcp.client.get<Namespace>(R.namespaces, undefined, 'vmexamples');
    assert.deepEqual(ns.metadata.annotations, { 'openshift.io/display-name': 'VM examples', 'openshift.io/description': 'The hands-on lab' });
    await node('ns/vmexamples').waitFor({ timeout: 10_000 });
    // The same name again: the server's refusal is shown in the dialog.
    await page.click('#create-project');
    await page.fill('#project-name', 'vmexamples');
    await page.click('#create-project-submit');
    await page.locator('#create-project-error').getByText(/already exists/).waitFor({ timeout: 10_000 });
    await shot('4-exists');
  });
});
