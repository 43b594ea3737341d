// The VM actions with dialogs, in Debian's Chromium against a real control plane with one node
// agent (TCG; it only provisions and copies disks here, no guest boots). Made-up nodes and VMIs
// (test/support/simulated-vms.ts) stand in for running guests: Migrate offers only the schedulable
// Ready nodes other than the current one (saying why the others are not) and a chosen node becomes
// the migration's addedNodeSelector, a refusal shows in the dialog; Edit labels and Edit annotations
// check keys as typed and save a merge patch; Copy SSH command copies `ssh -p PORT USER@HOST`; the
// launcher pod links to its Pod page and back; Clone snapshots a Halted VM with a blank DataVolume,
// restores it into a new VM and deletes the snapshot; Delete keeps or deletes the template
// DataVolumes; Quick create → Customize carries the typed name; a kubeconfig logs in and names its
// user, a client-certificate one is refused; the dialogs in Japanese. Screenshots: test/.cache/screenshots/console-actions-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { Node } from '../src/api/core/node.ts';
import type { Pod } from '../src/api/core/pod.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import type { VirtualMachineSnapshot } from '../src/api/snapshot/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as saveShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { createSimNodes, simulatedVm, updateVmiStatus } from './support/simulated-vms.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const SIM = 'sim-vm';
const HALTED = 'disk-vm';
const CLONE = 'disk-vm-copy';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const shot = (name: string) => saveShot(page, `console-actions-${name}`);
const text = async (sel: string) => ((await page.locator(sel).first().textContent()) ?? '').trim();
const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true });

async function openDetails(name: string): Promise<void> {
  await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${name}`);
  await page.waitForSelector('#vm-title', { timeout: 15_000 });
}

async function action(name: string): Promise<void> {
  await page.click('#actions-menu');
  await menuItem(name).click();
}

/** A Halted VM whose one disk is a blank DataVolume on the `shared` class (bound at once, filled by the agent). */
function diskVm(name: string): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS, labels: { app: 'disks' } },
    spec: {
      runStrategy: 'Halted',
      dataVolumeTemplates: [{ metadata: { name: `${name}-data` }, spec: { source: { blank: {} }, storage: { storageClassName: 'shared', resources: { requests: { storage: '16Mi' } } } } }],
      template: {
        spec: {
          domain: { resources: { requests: { memory: '64Mi' } }, devices: { disks: [{ name: 'data', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {}, macAddress: '02:00:00:00:00:01' }] } },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'data', dataVolume: { name: `${name}-data` } }],
        },
      },
    },
  } as VirtualMachine;
}

describe('web console: VM actions with dialogs, the Pod page, kubeconfig login', { timeout: 120_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    const c = tcp.client;
    await createSimNodes(c, ['sim-a', 'sim-b', 'sim-c', 'sim-d']);
    await c.mergePatch(R.nodes, undefined, 'sim-c', { spec: { unschedulable: true } });
    const d = await c.get<Node>(R.nodes, undefined, 'sim-d');
    await c.updateStatus(R.nodes, { ...d, status: { ...d.status, conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'simulated' }] } } as Node);
    // The SSH user comes from cloud-init: the simulated VM gets a NoCloud volume naming one.
    const vm = simulatedVm(NS, SIM);
    const spec = vm.spec!.template!.spec!;
    spec.domain.devices = { disks: [{ name: 'ci', disk: { bus: 'virtio' } }] };
    spec.volumes = [{ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\nuser: fedora\n' } }];
    vm.metadata.labels = { app: 'web', tier: 'front' };
    await c.create(R.vms, NS, vm);
    await waitFor('the simulated VMI', 10_000, () => c.tryGet<VirtualMachineInstance>(R.vmis, NS, SIM), 50);
    await runSimulatedVmStatus();
    await c.create(R.vms, NS, diskVm(HALTED));
    ({ browser, page } = await openBrowser());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  /** The simulated VMI runs on sim-a with an address and port 22 forwarded, and has a launcher pod there. */
  async function runSimulatedVmStatus(): Promise<void> {
    const c = tcp.client;
    const vmi = await updateVmiStatus(c, NS, SIM, (s) => {
      s.phase = 'Running';
      s.nodeName = 'sim-a';
      s.interfaces = [{ name: 'default', ipAddress: '127.0.0.1' }];
      s.conditions = [
        { type: 'Ready', status: 'True' },
        { type: 'LiveMigratable', status: 'True' },
      ];
    });
    await c.mergePatch(R.vmis, NS, SIM, { metadata: { annotations: { 'vireo.io/port-forwards': '{"22/TCP":40022}' } } });
    const pod = await c.create<Pod>(R.pods, NS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `virt-launcher-${SIM}-abcde`,
        namespace: NS,
        labels: { 'kubevirt.io': 'virt-launcher', 'kubevirt.io/created-by': vmi.metadata.uid! },
        ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name: SIM, uid: vmi.metadata.uid!, controller: true }],
      },
      spec: { nodeName: 'sim-a', containers: [{ name: 'compute', image: 'virt-launcher' }] },
    } as Pod);
    await c.updateStatus(R.pods, { ...pod, status: { phase: 'Running', podIP: '10.0.2.15', conditions: [{ type: 'Ready', status: 'True' }] } } as Pod);
  }

  it('Migrate: a chosen node becomes addedNodeSelector; cordoned, not Ready and current nodes are not offered', async () => {
    await openDetails(SIM);
    await page.waitForSelector('#vm-status:has-text("Running")', { timeout: 15_000 });
    await action('Migrate');
    await page.waitForSelector('#migrate-modal');
    await page.waitForSelector('#migrate-not-offered:has-text("sim-c")');
    assert.equal(await text('#migrate-not-offered'), 'Not offered: sim-a (current node), sim-c (cordoned), sim-d (not Ready)');
    assert.ok(await page.locator('#migrate-auto').isChecked(), 'automatic is the default');
    await page.check('#migrate-specific');
    const options = await page.locator('#migrate-node option').allTextContents();
    assert.deepEqual(options, ['Select a node', 'sim-b', 'vireo-test-node']);
    assert.ok(await page.locator('#migrate-confirm').isDisabled(), 'a specific node must be chosen');
    await page.selectOption('#migrate-node', 'sim-b');
    await shot('1-migrate-node');

    // A refusal stays in the dialog with the API's message.
    const message = 'VirtualMachineInstance default/sim-vm is not live-migratable';
    await page.route('**/migrate', (r) => r.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, message }) }), { times: 1 });
    await page.click('#migrate-confirm');
    await page.waitForSelector('#migrate-error');
    assert.match(await text('#migrate-error'), new RegExp(`The migration was not started.*${message}`));
    await shot('2-migrate-refused');

    await page.click('#migrate-confirm');
    await page.waitForSelector('#migrate-modal', { state: 'detached' });
    const vmim = await waitFor('the migration', 10_000, async () => (await tcp.client.list<VirtualMachineInstanceMigration>(R.vmims, NS)).items.find((m) => m.spec?.vmiName === SIM));
    assert.deepEqual(vmim.spec?.addedNodeSelector, { 'kubernetes.io/hostname': 'sim-b' });
    // Not a real migration: take it away so the VM is left as it was.
    await tcp.client.delete(R.vmims, NS, vmim.metadata.name!);
  });

  it('Edit labels: key=value chips, the key rule as typed, saved as a merge patch; Edit annotations', async () => {
    await action('Edit labels');
    await page.waitForSelector('#labels-modal');
    await page.fill('#labels-modal-input', 'Bad Key=x');
    await page.waitForSelector('#labels-modal-problem');
    assert.match(await text('#labels-modal-problem'), /63 characters or less/);
    assert.ok(await page.locator('#labels-modal-add').isDisabled());
    await page.fill('#labels-modal-input', 'env=prod');
    await page.press('#labels-modal-input', 'Enter');
    await page.click('#labels-modal-chips [data-key="tier"] button');
    await shot('3-labels');
    await page.click('#labels-modal-save');
    await page.waitForSelector('#labels-modal', { state: 'detached' });
    const labels = (await tcp.client.get<VirtualMachine>(R.vms, NS, SIM)).metadata.labels;
    assert.deepEqual(labels, { app: 'web', env: 'prod' });

    await action('Edit annotations');
    await page.fill('#annotations-modal-input', 'description=web server, front');
    await page.press('#annotations-modal-input', 'Enter');
    await page.click('#annotations-modal-save');
    await page.waitForSelector('#annotations-modal', { state: 'detached' });
    assert.equal((await tcp.client.get<VirtualMachine>(R.vms, NS, SIM)).metadata.annotations?.description, 'web server, front');
  });

  it('Copy SSH command: the forwarded port and the cloud-init user, in the clipboard and shown', async () => {
    await action('Copy SSH command');
    await page.waitForSelector('#ssh-copy-status');
    assert.match(await text('#ssh-copy-status'), /Copied to the clipboard\./);
    assert.equal(await page.locator('#ssh-command input').inputValue(), 'ssh -p 40022 fedora@127.0.0.1');
    assert.equal(await page.locator('#ssh-vireo-command input').inputValue(), `vireo ssh -n ${NS} fedora@${SIM}`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'ssh -p 40022 fedora@127.0.0.1');
    await shot('4-ssh');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#ssh-modal', { state: 'detached' });
  });

  it('the launcher pod links to its Pod page, which links back to the VM', async () => {
    await page.click('#vm-pod a');
    await page.waitForURL(`**/k8s/ns/${NS}/pods/virt-launcher-${SIM}-abcde`);
    await page.waitForSelector('#pod-details');
    assert.equal(await text('#pod-phase'), 'Running');
    assert.equal(await text('#pod-node'), 'sim-a');
    assert.equal(await text('#pod-ip'), '10.0.2.15');
    assert.match(await text('#pod-owner'), /VirtualMachineInstance sim-vm/);
    assert.match(await text('#pod-labels'), /kubevirt.io=virt-launcher/);
    await shot('5-pod');
    await page.click('#pod-vm-link');
    await page.waitForSelector('#vm-title:has-text("sim-vm")');
  });

  it('Clone: snapshot, restore into a new VM, snapshot deleted', async () => {
    await waitFor('the blank DataVolume', 60_000, async () => (await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, `${HALTED}-data`))?.status?.phase === 'Succeeded' || undefined, 250);
    await openDetails(HALTED);
    await action('Clone');
    await page.waitForSelector('#clone-modal');
    assert.match(await page.locator('#clone-name').inputValue(), /^disk-vm-clone-[a-z0-9]{5}$/);
    await page.fill('#clone-name', SIM);
    await page.waitForSelector('#clone-name-problems');
    assert.match(await text('#clone-name-problems'), /already exists/);
    await page.fill('#clone-name', CLONE);
    await page.click('#clone-submit');
    await page.waitForSelector('#clone-done', { timeout: 60_000 }).catch(async (e: Error) => {
      await shot('6-clone-failed');
      throw new Error(`${e.message}: ${await text('#clone-modal')}`);
    });
    await shot('6-clone-done');
    const copy = await tcp.client.get<VirtualMachine>(R.vms, NS, CLONE);
    assert.equal(copy.spec?.runStrategy, 'Halted');
    const iface = copy.spec?.template?.spec?.domain.devices?.interfaces?.[0];
    assert.equal(iface?.macAddress, undefined, 'the clone has its own MAC');
    const vol = copy.spec?.template?.spec?.volumes?.[0];
    assert.ok(vol?.dataVolume?.name && vol.dataVolume.name !== `${HALTED}-data`, `the clone has its own disk: ${JSON.stringify(vol)}`);
    const snaps = (await tcp.client.list<VirtualMachineSnapshot>(R.vmsnapshots, NS)).items.filter((s) => !s.metadata.deletionTimestamp);
    assert.deepEqual(snaps.map((s) => s.metadata.name), [], 'the snapshot is gone');
    await page.click('#clone-open');
    await page.waitForSelector(`#vm-title:has-text("${CLONE}")`);
  });

  it('Delete: keep the disks, or delete them with the VM', async () => {
    await action('Delete');
    await page.waitForSelector('#delete-modal');
    const kept = (await tcp.client.get<VirtualMachine>(R.vms, NS, CLONE)).spec!.dataVolumeTemplates![0]!.metadata.name!;
    assert.match(await text('#delete-disks-help'), new RegExp(`deleted with it, with their data: ${kept}`));
    await page.uncheck('#delete-disks');
    assert.match(await text('#delete-disks-help'), new RegExp(`are kept.*${kept}`));
    await shot('7-delete-keep');
    await page.click('#delete-confirm');
    await page.waitForURL(`**/k8s/ns/${NS}/virtualmachines`);
    await waitFor('the clone to go', 15_000, async () => !(await tcp.client.tryGet(R.vms, NS, CLONE)) || undefined);
    const dv = await tcp.client.get<DataVolume>(R.datavolumes, NS, kept);
    assert.equal(dv.metadata.ownerReferences, undefined, 'the kept DataVolume has no owner');

    await openDetails(HALTED);
    await action('Delete');
    assert.ok(await page.locator('#delete-disks').isChecked(), 'Delete disks is the default');
    await page.click('#delete-confirm');
    await waitFor('the VM and its DataVolume to go', 30_000, async () => (!(await tcp.client.tryGet(R.vms, NS, HALTED)) && !(await tcp.client.tryGet(R.datavolumes, NS, `${HALTED}-data`))) || undefined, 200);
  });

  it('Quick create → Customize carries the typed name into the wizard', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/templatescatalog`);
    const tile = '[data-template="vireo-tiny-server-small"]';
    await page.click(`${tile} button`);
    await page.fill('#quick-create-name', 'carried-name');
    await page.click('#quick-create-customize');
    await page.waitForSelector('#wizard-name', { timeout: 20_000 });
    assert.equal(await page.locator('#wizard-name').inputValue(), 'carried-name');
    assert.match(page.url(), /\?name=carried-name$/);
    await shot('8-customize-name');
  });

  it('login with a kubeconfig: the user is named in the masthead; a client-certificate user is refused', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.click('#login-mode-kubeconfig');
    const kubeconfig = (user: string) => `apiVersion: v1
kind: Config
clusters: [{ name: vireo, cluster: { server: "${tcp.cp.api.url}" } }]
users: [{ name: alice, user: ${user} }]
contexts: [{ name: vireo, context: { cluster: vireo, user: alice } }]
current-context: vireo
`;
    const area = page.locator('#login-kubeconfig textarea, .pf-v6-c-file-upload textarea').first();
    await area.fill(kubeconfig('{ client-certificate-data: AAAA, client-key-data: BBBB }'));
    await page.click('button[type=submit]');
    await page.waitForSelector('#login-error');
    assert.match(await text('#login-error'), /client certificate, which a browser page can not use/);
    await shot('9-kubeconfig-cert');
    await area.fill(kubeconfig(`{ token: ${tcp.cp.api.adminToken} }`));
    await page.click('button[type=submit]');
    await page.waitForSelector('#current-user');
    assert.equal(await text('#current-user'), 'alice');
    await shot('10-kubeconfig-user');
  });

  it('the dialogs speak Japanese', async () => {
    await openDetails(SIM);
    await page.click('#lang-ja');
    await page.click('#actions-menu');
    for (const item of ['ラベルの編集', 'アノテーションの編集', 'SSH コマンドのコピー', 'クローン', '削除']) await menuItem(item).waitFor({ timeout: 5_000 });
    await menuItem('移行').click();
    await page.waitForSelector('#migrate-modal');
    assert.equal(await text('#migrate-modal-title'), 'VirtualMachine sim-vm の移行');
    assert.match(await text('#migrate-not-offered'), /^選択不可: sim-a \(現在のノード\)/);
    await shot('11-ja');
    await page.click('#migrate-cancel');
  });
});

