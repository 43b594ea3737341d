// The VM details Configuration tab in Debian's Chromium against a real control plane (no node
// agent: the VM stays stopped, runStrategy Halted). What a user does: Details → CPU | Memory, first
// refused by the API (the limit leaves no headroom; its message is shown in the dialog), then
// saved, and a change made by someone else while the dialog is open is not overwritten; Storage → Add disk (blank) and Remove; Network → Add network interface on a
// NetworkAttachmentDefinition (bridge) and Remove; Scheduling → node selector, toleration, eviction
// strategy; SSH → a public key in a Secret; Initial run → cloud-init user and hostname; Metadata →
// a label, and an invalid label key that shows the rule's message and saves nothing; a VM whose VMI
// exists (unscheduled: no node agent) shows that edits wait for a restart and then KubeVirt's
// RestartRequired; then the tab in Japanese. Each change is read back through the API. Screenshots: test/.cache/screenshots/console-config-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot as takeShot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'cfg-vm';
const RUNNING = 'cfg-running';
const NAD = 'br-test';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const shot = (name: string) => takeShot(page, `console-config-${name}`);
type StoredVm = VirtualMachine & { spec: NonNullable<VirtualMachine['spec']> };
async function getVm(): Promise<StoredVm> {
  const v = await tcp.client.get<VirtualMachine>(R.vms, NS, VM);
  assert.ok(v.spec, 'the VM has a spec');
  return { ...v, spec: v.spec };
}
/** Polls the VM through the API until `probe` holds. */
const vmWhere = (what: string, probe: (vm: VirtualMachine) => boolean) => waitFor(what, 15_000, async () => (probe(await getVm()) ? true : undefined));
const subTab = (name: string) => page.locator('#config-tabs').getByRole('tab', { name, exact: true }).click();

const vm = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS, labels: { app: 'demo' } },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: {
          cpu: { cores: 1 },
          resources: { requests: { memory: '128Mi' }, limits: { memory: '1Gi' } },
          devices: {
            disks: [{ name: 'root', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
      },
    },
  },
};

describe('web console: the VM Configuration tab in Chromium', { timeout: 110_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane();
    await tcp.client.create(R.nads, NS, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: NAD, namespace: NS },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'bridge', bridge: NAD }) },
    });
    await tcp.client.create(R.vms, NS, vm);
    ({ browser, page } = await openBrowser());
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}/configuration`);
    await page.waitForSelector('#vm-tab-configuration #config-cpu-memory', { timeout: 15_000 });
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('Details: CPU | Memory — the API refusal is shown in the dialog; a valid memory lands in the spec', async () => {
    assert.match((await page.locator('#config-cpu-memory').textContent()) ?? '', /1 CPU \| 128Mi Memory/);
    await shot('details');
    await page.click('#config-edit-cpu-memory');
    await page.fill('#config-cpus', '2');
    await page.fill('#config-memory', '1');
    await page.selectOption('#config-memory-unit', 'Gi');
    await page.click('#cpu-memory-modal-save');
    // The limit (1Gi) must stay 100Mi above the request: the server names the field.
    const error = page.locator('#cpu-memory-modal-error');
    await error.waitFor({ timeout: 15_000 });
    assert.match((await error.textContent()) ?? '', /spec\.template\.spec\.domain\.resources\.limits\.memory.*100Mi/);
    await shot('details-refused');
    assert.equal((await getVm()).spec.template.spec.domain.resources?.requests?.memory, '128Mi');

    await page.fill('#config-memory', '512');
    await page.selectOption('#config-memory-unit', 'Mi');
    await page.click('#cpu-memory-modal-save');
    await page.locator('#cpu-memory-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const saved = await getVm();
    assert.equal(saved.spec.template.spec.domain.resources?.requests?.memory, '512Mi');
    assert.equal(saved.spec.template.spec.domain.cpu?.sockets, 2);
    await page.waitForFunction(() => /2 CPU \| 512Mi Memory/.test(document.querySelector('#config-cpu-memory')?.textContent ?? ''), undefined, { timeout: 15_000 });
  });

  it('Details: a spec changed while the dialog is open is not overwritten; the form says so', async () => {
    await page.click('#config-edit-cpu-memory');
    await page.fill('#config-memory', '640');
    // Someone else changes the memory meanwhile.
    await tcp.client.mergePatch(R.vms, NS, VM, { spec: { template: { spec: { domain: { resources: { requests: { memory: '384Mi' } } } } } } });
    await page.waitForFunction(() => /384Mi/.test(document.querySelector('#config-cpu-memory')?.textContent ?? ''), undefined, { timeout: 15_000 });
    await page.click('#cpu-memory-modal-save');
    const error = page.locator('#cpu-memory-modal-error');
    await error.waitFor({ timeout: 15_000 });
    assert.match((await error.textContent()) ?? '', /changed since this form was opened/);
    await shot('details-conflict');
    assert.equal((await getVm()).spec.template.spec.domain.resources?.requests?.memory, '384Mi');
    await page.click('#cpu-memory-modal-cancel');
    // Reopened, the dialog starts from the current spec and saves.
    await page.click('#config-edit-cpu-memory');
    assert.equal(await page.locator('#config-memory').inputValue(), '384');
    await page.fill('#config-memory', '512');
    await page.click('#cpu-memory-modal-save');
    await page.locator('#cpu-memory-modal').waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal((await getVm()).spec.template.spec.domain.resources?.requests?.memory, '512Mi');
  });

  it('Details: boot mode UEFI (secure) turns SMM on with it', async () => {
    await page.click('#config-edit-boot-mode');
    await page.check('#config-boot-mode-uefiSecure');
    await page.click('#boot-mode-modal-save');
    await page.locator('#boot-mode-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const domain = (await getVm()).spec.template.spec.domain;
    assert.deepEqual(domain.firmware?.bootloader, { efi: { secureBoot: true } });
    assert.deepEqual(domain.features?.smm, { enabled: true });
    assert.equal((await page.locator('#config-boot-mode').textContent())?.trim(), 'UEFI (secure)');
  });

  it('Storage: Add disk (blank) creates a DataVolume template, a volume and a disk; Remove takes them out', async () => {
    await subTab('Storage');
    await page.waitForSelector('#config-disks [data-disk="root"]');
    await page.click('#config-add-disk');
    assert.equal(await page.locator('#disk-source').inputValue(), 'blank');
    await page.fill('#disk-name', 'scratch');
    await page.fill('#disk-size', '2');
    await page.selectOption('#disk-bus', 'scsi');
    await shot('storage-add');
    await page.click('#disk-modal-save');
    await page.waitForSelector('#config-disks [data-disk="scratch"]', { timeout: 15_000 });
    const added = await getVm();
    assert.deepEqual(added.spec.dataVolumeTemplates?.map((t) => [t.metadata?.name, t.spec]), [
      [`${VM}-scratch`, { source: { blank: {} }, storage: { resources: { requests: { storage: '2Gi' } } } }],
    ]);
    assert.deepEqual(added.spec.template.spec.volumes?.find((v) => v.name === 'scratch'), { name: 'scratch', dataVolume: { name: `${VM}-scratch` } });
    assert.deepEqual(added.spec.template.spec.domain.devices.disks?.find((d) => d.name === 'scratch'), { name: 'scratch', disk: { bus: 'scsi' } });
    assert.match((await page.locator('#config-disks [data-disk="scratch"]').textContent()) ?? '', /DataVolume.*blank.*2Gi.*Disk.*scsi/);
    await shot('storage-added');

    await page.click('#config-disks [data-disk="scratch"] .config-remove-disk');
    await page.click('#remove-disk-modal-save');
    await page.locator('#config-disks [data-disk="scratch"]').waitFor({ state: 'detached', timeout: 15_000 });
    const removed = await getVm();
    assert.deepEqual(removed.spec.dataVolumeTemplates ?? [], []);
    assert.equal(removed.spec.template.spec.volumes?.some((v) => v.name === 'scratch'), false);
    assert.equal(removed.spec.template.spec.domain.devices.disks?.some((d) => d.name === 'scratch'), false);
  });

  it('Network: a second pod NIC is refused as typed; a bridge NIC on a NetworkAttachmentDefinition is added and removed', async () => {
    await subTab('Network');
    await page.waitForSelector('#config-nics [data-nic="default"]');
    await page.click('#config-add-nic');
    await page.fill('#nic-name', 'lan');
    await page.selectOption('#nic-network', '');
    assert.match((await page.locator('#nic-network-problems').textContent()) ?? '', /Only one network interface can be on the pod network/);
    assert.ok(await page.locator('#nic-modal-save').isDisabled());
    await page.selectOption('#nic-network', NAD);
    assert.equal(await page.locator('#nic-type').textContent(), 'Bridge');
    await page.selectOption('#nic-model', 'e1000e');
    await page.fill('#nic-mac', '02:00:00:00:00:42');
    await shot('network-add');
    await page.click('#nic-modal-save');
    await page.waitForSelector('#config-nics [data-nic="lan"]', { timeout: 15_000 });
    const added = (await getVm()).spec.template.spec;
    assert.deepEqual(added.domain.devices.interfaces?.find((i) => i.name === 'lan'), { name: 'lan', model: 'e1000e', bridge: {}, macAddress: '02:00:00:00:00:42' });
    assert.deepEqual(added.networks?.find((n) => n.name === 'lan'), { name: 'lan', multus: { networkName: NAD } });
    await shot('network-added');

    await page.click('#config-nics [data-nic="lan"] .config-remove-nic');
    await page.click('#remove-nic-modal-save');
    await page.locator('#config-nics [data-nic="lan"]').waitFor({ state: 'detached', timeout: 15_000 });
    const removed = (await getVm()).spec.template.spec;
    assert.deepEqual(removed.domain.devices.interfaces?.map((i) => i.name), ['default']);
    assert.deepEqual(removed.networks?.map((n) => n.name), ['default']);
  });

  it('Scheduling: the node selector, a toleration and the eviction strategy are saved', async () => {
    await subTab('Scheduling');
    await page.click('#config-edit-node-selector');
    await page.fill('#node-selector-editor-key-0', 'kubernetes.io/hostname');
    await page.fill('#node-selector-editor-value-0', 'node-a');
    await page.click('#node-selector-modal-save');
    await page.waitForSelector('#config-node-selector [data-selector="kubernetes.io/hostname"]', { timeout: 15_000 });
    assert.deepEqual((await getVm()).spec.template.spec.nodeSelector, { 'kubernetes.io/hostname': 'node-a' });

    await page.click('#config-edit-tolerations');
    await page.click('#toleration-add');
    await page.fill('#toleration-key-0', 'dedicated');
    await page.fill('#toleration-value-0', 'vms');
    await page.selectOption('#toleration-effect-0', 'NoSchedule');
    await page.click('#tolerations-modal-save');
    await page.locator('#tolerations-modal').waitFor({ state: 'detached', timeout: 15_000 });
    assert.deepEqual((await getVm()).spec.template.spec.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'vms', effect: 'NoSchedule' }]);

    await page.click('#config-edit-eviction');
    await page.selectOption('#config-eviction-select', 'LiveMigrateIfPossible');
    await page.click('#eviction-modal-save');
    await page.locator('#eviction-modal').waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal((await getVm()).spec.template.spec.evictionStrategy, 'LiveMigrateIfPossible');
    await shot('scheduling');
  });

  it('SSH: a public key is stored in a Secret that accessCredentials name (noCloud)', async () => {
    await subTab('SSH');
    assert.match((await page.locator('#config-ssh-command').textContent()) ?? '', /Start the VirtualMachine/);
    await page.click('#config-edit-ssh-key');
    await page.fill('#ssh-key-input', 'not a key');
    await page.locator('#ssh-key-problems').waitFor();
    assert.ok(await page.locator('#ssh-key-modal-save').isDisabled());
    await page.fill('#ssh-key-input', SSH_KEY);
    await page.click('#ssh-key-modal-save');
    await page.locator('#ssh-key-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const spec = (await getVm()).spec.template.spec as { accessCredentials?: { sshPublicKey?: { source?: { secret?: { secretName?: string } }; propagationMethod?: unknown } }[] };
    const cred = spec.accessCredentials?.[0]?.sshPublicKey;
    assert.deepEqual(cred?.propagationMethod, { noCloud: {} });
    const secretName = cred?.source?.secret?.secretName ?? '';
    assert.match(secretName, new RegExp(`^${VM}-ssh-key-`));
    const secret = await tcp.client.get(R.secrets, NS, secretName);
    assert.equal(Buffer.from((secret.data as Record<string, string> | undefined)?.key ?? '', 'base64').toString(), SSH_KEY);
    await page.waitForFunction((n) => document.querySelector('#config-ssh-key')?.textContent?.includes(n), secretName, { timeout: 15_000 });
    await shot('ssh');
  });

  it('Initial run: the cloud-init user and hostname are written into the NoCloud user-data', async () => {
    await subTab('Initial run');
    await page.click('#config-edit-cloud-init');
    await page.fill('#cloud-init-user', 'cirros');
    await page.fill('#cloud-init-hostname', 'Bad_Host');
    await page.locator('#cloud-init-hostname-problems').waitFor();
    assert.ok(await page.locator('#cloud-init-modal-save').isDisabled());
    await page.fill('#cloud-init-hostname', 'cfg-host');
    await page.click('#cloud-init-modal-save');
    await page.locator('#cloud-init-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const volume = (await getVm()).spec.template.spec.volumes?.find((v) => v.name === 'cloudinitdisk') as { cloudInitNoCloud?: { userData?: string } } | undefined;
    assert.equal(volume?.cloudInitNoCloud?.userData, '#cloud-config\nuser: cirros\nhostname: cfg-host\n');
    await page.waitForFunction(() => document.querySelector('#config-cloud-init-hostname')?.textContent === 'cfg-host', undefined, { timeout: 15_000 });
    await shot('initial-run');
  });

  it('Metadata: a label is added; an invalid key shows the rule as typed and saves nothing', async () => {
    await subTab('Metadata');
    await page.click('#config-edit-labels');
    assert.equal(await page.locator('#labels-editor-key-0').inputValue(), 'app');
    await page.click('#labels-editor-add');
    await page.fill('#labels-editor-key-1', 'tier');
    await page.fill('#labels-editor-value-1', 'web');
    await page.click('#labels-modal-save');
    await page.waitForSelector('#config-label-list [data-label="tier"]', { timeout: 15_000 });
    await vmWhere('the tier label', (v) => v.metadata.labels?.tier === 'web');
    const before = await getVm();

    await page.click('#config-edit-labels');
    await page.click('#labels-editor-add');
    await page.fill('#labels-editor-key-2', 'bad key!');
    const problem = page.locator('#labels-editor-key-2-problems');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /must consist of letters, digits/);
    assert.ok(await page.locator('#labels-modal-save').isDisabled());
    await shot('metadata-invalid');
    await page.click('#labels-modal-cancel');
    const after = await getVm();
    assert.deepEqual(after.metadata.labels, { app: 'demo', tier: 'web' });
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    await shot('metadata');
  });

  it('a VM with a VMI (no node runs it here): changes wait for a restart, then RestartRequired says so', async () => {
    await tcp.client.create(R.vms, NS, { ...vm, metadata: { name: RUNNING, namespace: NS }, spec: { ...vm.spec, runStrategy: 'Always' } });
    await waitFor('its VMI', 15_000, () => tcp.client.tryGet(R.vmis, NS, RUNNING));
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${RUNNING}/configuration`);
    await page.waitForSelector('#config-restart-pending', { timeout: 15_000 });
    await page.click('#config-edit-headless');
    await page.locator('label[for="config-headless-switch"]').click();
    await page.click('#headless-modal-save');
    await page.locator('#headless-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const restart = page.locator('#config-restart-required');
    await restart.waitFor({ timeout: 15_000 });
    assert.match((await restart.textContent()) ?? '', /Restart required.*non-live-updatable/);
    assert.equal((await page.locator('#config-headless').textContent())?.trim(), 'On');
    await shot('restart-required');
  });

  it('speaks Japanese: 設定 and its sub-tabs', async () => {
    await page.click('#lang-ja');
    await page.locator('#config-tabs').getByRole('tab', { name: 'メタデータ', exact: true }).click();
    assert.equal(await page.locator('#config-labels h3').textContent(), 'ラベル');
    await shot('ja');
    await page.click('#lang-en');
  });
});
