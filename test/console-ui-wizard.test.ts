// Create VirtualMachine → From template → Customize VirtualMachine (seed 002's wizard) in Debian's
// Chromium, against a real control plane whose node agent runs guests under TCG: from the tiny
// tile's panel, Customize opens the wizard filled from the template; an invalid name shows the
// rule's message and blocks Next; the flavor goes to Custom (2 CPU, 256Mi), a blank 1Gi disk is
// added, cloud-init gets a hostname; the Review's YAML says so; Create with start checked lands on
// the VM, which goes Running with a VMI of 2 CPUs, 256Mi and the extra disk, and the guest prints
// the hostname cloud-init gave it. An API refusal is shown on Review next to the setting it names.
// Screenshots: test/.cache/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'wizard-tiny1';
const HOST = 'wizard-host';
const TINY = '[data-template="vireo-tiny-server-small"]';
const CUSTOMIZE_URL = (ns: string) => `**/k8s/ns/${ns}/templatescatalog/customize/vireo-system/vireo-tiny-server-small`;

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const text = async (sel: string) => (await page.locator(sel).textContent()) ?? '';

/** Reads the Review step's YAML through its Download button (the editor shows only what is in view). */
async function reviewYaml(): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#wizard-yaml-download')]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

describe('web console: the Customize VirtualMachine wizard in Chromium', { timeout: 420_000 }, () => {
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

  it('tiny template → Customize → custom flavor, a blank disk, a hostname → Review → Create → Running', async (t) => {
    await page.click('#create-vm');
    await page.click('#create-from-template');
    await page.waitForURL(`**/k8s/ns/${NS}/templatescatalog`);
    await page.waitForSelector(`${TINY}[data-source-available="true"]`, { timeout: 120_000 });
    await page.click(`${TINY} button`);
    await page.click('#quick-create-customize');
    await page.waitForURL(CUSTOMIZE_URL(NS));

    // General, filled from the template.
    await page.waitForSelector('#wizard-name', { timeout: 20_000 });
    assert.equal(await text('#wizard-template'), 'Vireo tiny Linux VM (vireo-tiny-server-small)');
    assert.equal(await text('#wizard-project'), NS);
    assert.equal(await text('#wizard-os'), 'Vireo tiny Linux');
    assert.equal(await page.locator('#wizard-source').inputValue(), 'template');
    assert.match(await text('#wizard-source-problems-hint'), /vireo-os-images\/vireo-tiny/);
    assert.match(await page.locator('#wizard-name').inputValue(), /^vireo-tiny-[a-z0-9]{8}$/);
    assert.equal(await page.locator('#wizard-flavor').inputValue(), 'small');
    assert.equal(await page.locator('#wizard-cpu').inputValue(), '1');
    assert.ok(await page.locator('#wizard-cpu').isDisabled(), 'a preset flavor fixes the CPU');
    assert.equal(await page.locator('#wizard-memory').inputValue(), '256');
    assert.equal(await page.locator('#wizard-workload').inputValue(), 'server');
    assert.ok(await page.locator('#wizard-start').isChecked(), 'start on creation is checked by default');

    // The name rule as it is typed; Next stays disabled while it is broken.
    await page.fill('#wizard-name', 'Wizard.Tiny');
    await page.waitForSelector('#wizard-name-problems:has-text("only lowercase letters")');
    assert.ok(await page.locator('#wizard-next').isDisabled(), 'Next is blocked by an invalid name');
    await shot(page, 'wizard-1-invalid-name');
    await page.fill('#wizard-name', VM);
    await page.waitForSelector('#wizard-name-problems', { state: 'detached' });
    assert.ok(await page.locator('#wizard-next').isEnabled());

    // Custom flavor: 2 CPU, 256Mi.
    await page.selectOption('#wizard-flavor', 'custom');
    await page.fill('#wizard-cpu', '2');
    await page.fill('#wizard-memory', '256');
    await page.selectOption('#wizard-memory-unit', 'Mi');
    await shot(page, 'wizard-2-general');
    await page.click('#wizard-next');

    // Networking: the template's NIC on the pod network.
    await page.waitForSelector('#wizard-nics tr[data-nic="default"]');
    assert.match(await text('#wizard-nics tr[data-nic="default"]'), /virtio.*Pod Networking.*Masquerade/);
    await shot(page, 'wizard-3-networking');
    await page.click('#wizard-next');

    // Storage: the boot source's disk, then a blank 1Gi disk.
    await page.waitForSelector('#wizard-disks tr[data-disk="rootdisk"]');
    assert.match(await text('#wizard-disks tr[data-disk="rootdisk"]'), /Template default: vireo-os-images\/vireo-tiny.*1 GiB.*virtio.*1/);
    await page.click('#wizard-add-disk');
    await page.waitForSelector('#disk-modal');
    assert.equal(await page.locator('#disk-source').inputValue(), 'blank');
    await page.fill('#disk-name', 'data');
    assert.ok(await page.locator('#disk-save').isDisabled(), 'a blank disk needs a size');
    await page.fill('#disk-size', '1');
    await page.click('#disk-save');
    await page.waitForSelector('#disk-modal', { state: 'detached' });
    assert.match(await text('#wizard-disks tr[data-disk="data"]'), /Blank \(creates PVC\).*1 GiB.*virtio/);
    await shot(page, 'wizard-4-storage');
    await page.click('#wizard-next');

    // Advanced: cloud-init hostname.
    await page.fill('#wizard-cloudinit-hostname', HOST);
    assert.equal(await text('#wizard-next'), 'Review and create');
    await shot(page, 'wizard-5-advanced');
    await page.click('#wizard-next');

    // Review: the summary and the YAML carry every change.
    await page.waitForSelector('#wizard-yaml .cm-content', { timeout: 20_000 });
    assert.equal(await text('#review-general_cpu dd'), '2');
    assert.equal(await text('#review-general_memory dd'), '256 MiB');
    assert.equal(await text('#review-general_name dd'), VM);
    assert.match(await text('#review-advanced_hostname dd'), new RegExp(HOST));
    const yaml = await reviewYaml();
    assert.match(yaml, /sockets: 2\n/);
    assert.match(yaml, /guest: 256Mi\n/);
    assert.match(yaml, new RegExp(`name: ${VM}-data\\n\\s+spec:\\n\\s+source:\\n\\s+blank: \\{\\}\\n\\s+storage:\\n\\s+resources:\\n\\s+requests:\\n\\s+storage: 1Gi`));
    assert.match(yaml, new RegExp(`hostname: ${HOST}\\n`));
    assert.match(yaml, /runStrategy: Always\n/);
    assert.equal(await text('#wizard-next'), 'Create VirtualMachine');
    await shot(page, 'wizard-6-review');

    // Create: the VM's details, live until Running.
    await page.click('#wizard-next');
    await page.waitForURL(`**/k8s/ns/${NS}/virtualmachines/${VM}`, { timeout: 20_000 });
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 240_000 });
    await shot(page, 'wizard-7-running');

    const vm = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.equal(vm.spec?.runStrategy, 'Always');
    assert.equal(vm.metadata.labels?.['vm.kubevirt.io/template'], 'vireo-tiny-server-small');
    const vmi = await tcp.client.get<VirtualMachineInstance>(R.vmis, NS, VM);
    const cpu = vmi.spec?.domain.cpu;
    assert.equal((cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1), 2, JSON.stringify(cpu));
    assert.equal(vmi.spec?.domain.memory?.guest, '256Mi');
    assert.deepEqual(
      vmi.spec?.domain.devices?.disks?.map((d) => d.name),
      ['rootdisk', 'data', 'cloudinitdisk'],
    );
    assert.deepEqual(vmi.spec?.volumes?.find((v) => v.name === 'data')?.dataVolume, { name: `${VM}-data` });

    // The guest prints the hostname cloud-init gave it (scripts/guest/rootfs/bin/vireo-cidata).
    const runDir = tcp.cp.agent!.runDir(NS, VM);
    assert.ok(runDir, 'the agent runs the guest');
    const log = await waitFor('the hostname and the user-data on the serial console', 120_000, () => {
      const l = readFileSync(join(runDir, 'serial.log'), 'latin1').replace(/\r/g, '');
      return l.includes(`vireo-hostname ${HOST}`) && l.includes('vireo-userdata-end') ? l : undefined;
    }, 500);
    // The user-data the guest read: the template's cloud user with the wizard's hostname added.
    assert.match(log, new RegExp(`vireo-userdata-begin\\n#cloud-config\\nuser: vireo\\n[^]*hostname: ${HOST}\\n`));
    t.diagnostic(`guest: ${log.split('\n').find((l) => l.startsWith('vireo-hostname'))}`);
  });

  it('an API refusal is shown on Review next to the setting it names; the wizard speaks Japanese', async () => {
    // A reserved project: processing works, the VM's admission refuses metadata.namespace.
    await page.goto(`${tcp.cp.api.url}/k8s/ns/vireo-system/templatescatalog/customize/vireo-system/vireo-tiny-server-small`);
    await page.waitForSelector('#wizard-name', { timeout: 20_000 });
    assert.match(await text('#wizard-project-warning'), /Do not create VirtualMachines in openshift-\* namespaces/);
    for (let i = 0; i < 4; i++) await page.click('#wizard-next');
    await page.waitForSelector('#wizard-yaml .cm-content', { timeout: 20_000 });
    await page.click('#wizard-next');
    await page.waitForSelector('#wizard-create-error', { timeout: 10_000 });
    assert.match(await text('#wizard-create-error'), /Error creating the VirtualMachine/);
    assert.match(await text('#wizard-create-error [data-field="metadata.namespace"]'), /reserved namespace "vireo-system"/);
    assert.match(await text('#review-general_project .review-row-errors'), /reserved namespace "vireo-system"/);
    await page.waitForSelector('#wizard-yaml .cm-lintRange-error');
    assert.match(page.url(), /customize/, 'still on the wizard');
    await shot(page, 'wizard-8-api-error');

    await page.click('#lang-ja');
    await page.waitForSelector('#wizard-next:has-text("VirtualMachine の作成")');
    await page.waitForSelector('#customize-wizard :text("設定内容の確認および確定")');
    await page.click('#review-section-general button');
    await page.waitForSelector('label:has-text("ワークロードプロファイル")');
    await shot(page, 'wizard-9-ja');
  });
});
