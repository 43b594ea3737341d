// The VM details tabs Events, Snapshots and Diagnostics in Debian's Chromium (playwright-core)
// against a real control plane with a node agent running the tiny guest under TCG (a containerDisk
// root and a blank DataVolume, which a snapshot copies; the guest runs a QEMU guest agent). A user
// opens the VM: Events shows its provisioning and start; Snapshots → Take snapshot → the snapshot
// becomes ready with its indications (Online, GuestAgent), Restore is greyed while the VM runs, a
// second snapshot under the same name shows the API's refusal; the Actions menu and the Overview
// card show the same; Diagnostics shows the Ready condition, the volume status and the guest log;
// Stop → Restore is enabled and the restore completes; Delete removes the snapshot. Screenshots land in test/.cache/screenshots/vm-tabs-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import type { VirtualMachineSnapshot } from '../src/api/snapshot/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { TINY_IMAGE, stageTinyImage, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'tabs-vm';
const DV = 'tabs-vm-data';

const vm: VirtualMachine = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS },
  spec: {
    runStrategy: 'Always',
    dataVolumeTemplates: [{ metadata: { name: DV }, spec: { source: { blank: {} }, storage: { storageClassName: 'local', resources: { requests: { storage: '64Mi' } } } } }],
    template: {
      spec: {
        terminationGracePeriodSeconds: 0,
        domain: {
          resources: { requests: { memory: '128Mi' } },
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'virtio' } }] },
        },
        volumes: [
          { name: 'root', containerDisk: { image: TINY_IMAGE } },
          { name: 'data', dataVolume: { name: DV } },
        ],
      },
    },
  },
};

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const snap = (name: string) => `#vm-snapshots tr[data-snapshot="${name}"]`;
const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();
const text = async (sel: string) => (await page.locator(sel).textContent()) ?? '';

describe('web console: VM details Events, Snapshots and Diagnostics tabs', { timeout: 170_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    await tcp.client.create(R.vms, NS, vm);
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('Events: the provisioning and start of the VM, newest first', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}`);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 90_000 });
    await tab('Events');
    assert.equal(new URL(page.url()).pathname, `/k8s/ns/${NS}/virtualmachines/${VM}/events`);
    // Live: the VMI's Started arrives through the watch, beside the VM's and the DataVolume's.
    await page.waitForSelector('#vm-events tr[data-kind="VirtualMachineInstance"][data-reason="Started"]', { timeout: 30_000 });
    await page.waitForSelector('#vm-events tr[data-kind="VirtualMachine"][data-reason="SuccessfulDataVolumeCreate"]');
    await page.waitForSelector('#vm-events tr[data-kind="VirtualMachine"][data-reason="SuccessfulCreate"]');
    await page.waitForSelector('#vm-events tr[data-kind="DataVolume"]');
    const reasons = await page.locator('#vm-events tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')));
    // Newest first: the VM asked for its DataVolume before anything started.
    assert.ok(reasons.indexOf('Started') < reasons.indexOf('SuccessfulDataVolumeCreate'), reasons.join(','));
    const started = await text('#vm-events tr[data-reason="Started"]');
    assert.equal(await page.locator('#vm-events tr[data-reason="Started"] .event-type').getAttribute('data-type'), 'Normal');
    assert.equal(await text('#vm-events tr[data-reason="Started"] .event-object'), `${VM}VirtualMachineInstance`);
    assert.match(started, /VirtualMachineInstance started \(QEMU pid \d+\)/);
    await shot(page, 'vm-tabs-1-events');
  });

  it('Snapshots: take one, it becomes ready with its indications; Restore greyed while running; a refusal is shown', async () => {
    // The guest agent answers first, so the snapshot freezes through it (GuestAgent).
    await waitFor('AgentConnected', 60_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, VM);
      return v?.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True');
    }, 250);
    await tab('Snapshots');
    await page.waitForSelector('#vm-snapshots-empty');
    await page.click('#take-snapshot');
    await page.waitForSelector('#take-snapshot-modal');
    const name = await page.inputValue('#snapshot-name');
    assert.match(name, new RegExp(`^${VM}-snapshot-[a-z0-9]{5}$`));
    assert.equal(await text('#snapshot-disks'), 'data');
    assert.equal(await page.locator('#snapshot-no-agent').count(), 0, 'the agent is connected');
    await shot(page, 'vm-tabs-2-take-snapshot');
    await page.click('#snapshot-save');
    await page.waitForSelector('#take-snapshot-modal', { state: 'detached' });

    await page.waitForSelector(`${snap(name)} .snapshot-status[data-ready="true"]`, { timeout: 60_000 });
    assert.match(await text(`${snap(name)} .snapshot-status`), /Succeeded/);
    const indications = await page.locator(`${snap(name)} .snapshot-indications .pf-v6-c-label`).allTextContents();
    assert.deepEqual(indications.sort(), ['GuestAgent', 'Online']);
    const stored = await tcp.client.get<VirtualMachineSnapshot>(R.vmsnapshots, NS, name);
    assert.equal(stored.spec?.source.name, VM);

    // Restore is greyed (with the reason) while the VM runs; Delete is there.
    await page.click(`${snap(name)} .snapshot-kebab`);
    const restore = page.getByRole('menuitem', { name: 'Restore', exact: true });
    await restore.waitFor();
    assert.equal(await restore.getAttribute('aria-disabled'), 'true');
    await restore.hover();
    await page.waitForSelector('.snapshot-restore-reason:has-text("Stop the VirtualMachine to restore it")');
    assert.equal(await page.getByRole('menuitem', { name: 'Delete', exact: true }).isDisabled(), false);
    await shot(page, 'vm-tabs-3-snapshot-ready');
    await page.keyboard.press('Escape');

    // The same name again: the API's AlreadyExists message stays in the dialog.
    await page.click('#take-snapshot');
    await page.fill('#snapshot-name', name);
    await page.click('#snapshot-save');
    await page.waitForSelector('#snapshot-error');
    assert.match(await text('#snapshot-error'), new RegExp(`Taking the snapshot failed.*"${name}" already exists`));
    await page.fill('#snapshot-name', 'Bad_Name');
    assert.equal(await page.locator('#snapshot-save').isDisabled(), true, 'an invalid name cannot be saved');
    await shot(page, 'vm-tabs-4-refused');
    await page.click('#snapshot-cancel');
    assert.equal((await tcp.client.list<VirtualMachineSnapshot>(R.vmsnapshots, NS)).items.length, 1);
  });

  it('the Actions menu and the Overview card offer Take snapshot; the card counts the snapshots', async () => {
    await tab('Overview');
    await page.waitForSelector('#card-snapshots-latest .snapshot-status[data-ready="true"]');
    assert.equal(await text('#card-snapshots-count'), '1');
    await page.click('#actions-menu');
    const item = page.getByRole('menuitem', { name: 'Take snapshot', exact: true });
    await item.waitFor();
    assert.equal(await item.isDisabled(), false);
    await item.click();
    await page.waitForSelector('#take-snapshot-modal');
    assert.match(await page.inputValue('#snapshot-name'), new RegExp(`^${VM}-snapshot-`));
    await shot(page, 'vm-tabs-5-menu-take-snapshot');
    await page.click('#snapshot-cancel');
    await page.waitForSelector('#take-snapshot-modal', { state: 'detached' });
  });

  it('Diagnostics: the Ready condition, the volume status and the guest log', async () => {
    await tab('Diagnostics');
    await page.waitForSelector('#vmi-conditions tr[data-condition="Ready"][data-status="True"]');
    await page.waitForSelector('#vm-conditions tr[data-condition="Ready"][data-status="True"]');
    await page.waitForSelector('#vm-volume-status tr[data-volume="root"]');
    // The node reports no claim info: the claim comes from the VM's volume.
    assert.equal(await text('#vm-volume-status tr[data-volume="data"] .volume-claim'), DV);
    // The blank 64Mi DataVolume, less the file system overhead CDI keeps.
    assert.match(await text('#vm-volume-status tr[data-volume="data"] .volume-size'), /^\d+ MiB$/);
    await page.waitForSelector('#guest-log-text', { timeout: 15_000 });
    assert.ok((await text('#guest-log-text')).trim().length > 0, 'the guest wrote to its console');
    assert.ok(!(await text('#guest-log-text')).includes('\u001b'), 'no terminal escapes');
    await shot(page, 'vm-tabs-6-diagnostics');
    await page.locator('#vm-guest-log').scrollIntoViewIfNeeded();
    await shot(page, 'vm-tabs-7-guest-log');
  });

  it('Restore: enabled once the VM is stopped; the restore completes and the VM uses the restored claim', async () => {
    await page.click('#action-stop');
    await page.waitForSelector('#vm-status [data-status="Stopped"]', { timeout: 60_000 });
    await tab('Snapshots');
    const [only] = (await tcp.client.list<VirtualMachineSnapshot>(R.vmsnapshots, NS)).items;
    const name = only!.metadata.name!;
    await page.click(`${snap(name)} .snapshot-kebab`);
    const restore = page.getByRole('menuitem', { name: 'Restore', exact: true });
    await waitFor('Restore to be enabled', 15_000, async () => (await restore.getAttribute('aria-disabled')) !== 'true');
    await restore.click();
    await page.waitForSelector('#restore-snapshot-modal');
    assert.match(await text('#restore-snapshot-modal'), new RegExp(`Restore ${VM} from snapshot ${name}\\?`));
    await shot(page, 'vm-tabs-8-restore');
    await page.click('#restore-snapshot-modal-confirm');
    await page.waitForSelector('#restore-snapshot-modal', { state: 'detached' });
    await page.waitForSelector(`${snap(name)} .snapshot-restore[data-restore="complete"]`, { timeout: 60_000 });
    assert.match(await text(`${snap(name)} .snapshot-restore`), /^Restored /);
    const restored = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
    assert.match(restored.spec?.template.spec?.volumes?.find((v) => v.name === 'data')?.dataVolume?.name ?? '', /^restore-.+-data$/);
    await shot(page, 'vm-tabs-9-restored');
  });

  it('Snapshots: Delete removes it', async () => {
    await tab('Snapshots');
    const [only] = (await tcp.client.list<VirtualMachineSnapshot>(R.vmsnapshots, NS)).items;
    const name = only!.metadata.name!;
    await page.click(`${snap(name)} .snapshot-kebab`);
    await page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
    await page.waitForSelector('#delete-snapshot-modal');
    await page.click('#delete-snapshot-modal-confirm');
    await page.waitForSelector('#vm-snapshots-empty', { timeout: 30_000 });
    await waitFor('the snapshot to go', 30_000, async () => !(await tcp.client.tryGet(R.vmsnapshots, NS, name)));
    await shot(page, 'vm-tabs-10-deleted');
    // Japanese, switched in the header.
    await page.click('#lang-ja');
    await page.waitForSelector('#vm-snapshots-empty:has-text("スナップショットが見つかりません")');
    await page.waitForSelector('#take-snapshot:has-text("スナップショットの作成")');
  });
});
