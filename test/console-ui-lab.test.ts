// The web console in Debian's Chromium (playwright-core) against a real control plane with a node
// agent running the tiny guest under TCG, following seed 000's power-state steps: log in with the
// admin token, see the VM go to Running in the list, open it, Stop → Stopped (Start enabled, Restart
// and Pause greyed), Start → Running, Pause → Paused (Unpause enabled), Unpause → Running.
// Screenshots land in test/.cache/screenshots/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_NODE, startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { makeKubectl } from './support/kubectl.ts';
import { TINY_IMAGE, repo, stageTinyImage } from './support/vm-e2e.ts';

const SHOTS = join(repo, 'test/.cache/screenshots');
const VM = 'lab-tiny';
const NS = 'default';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const vmYaml = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${VM}
  namespace: ${NS}
spec:
  runStrategy: Always
  template:
    spec:
      terminationGracePeriodSeconds: 20
      domain:
        resources:
          requests:
            memory: 128Mi
        devices:
          disks:
            - name: root
              disk: {bus: virtio}
      volumes:
        - name: root
          containerDisk:
            image: ${TINY_IMAGE}
`;

// PatternFly animates button colours: let them settle so the picture shows the final state.
const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `console-lab-${name}.png`), fullPage: true });
};
const status = (s: string, timeout = 60_000) => page.waitForSelector(`#vm-status [data-status="${s}"]`, { timeout });
const enabled = async (id: string) => !(await page.locator(`#action-${id}`).isDisabled());

describe('web console: the seed lab power states in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await promisify(execFile)('bash', [join(repo, 'console/build.sh')], { timeout: 300_000 });
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    const applied = await makeKubectl(tcp.kubeconfig)(['apply', '-f', '-'], { input: vmYaml });
    assert.equal(applied.code, 0, applied.stderr);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await ctx.newPage();
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('serves the page for client routes, keeps the API behind its token', async () => {
    const deep = await page.request.get(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}`);
    assert.equal(deep.status(), 200);
    assert.match(await deep.text(), /<div id="root">/);
    const api = await page.request.get(`${tcp.cp.api.url}/apis/kubevirt.io/v1/virtualmachines`);
    assert.equal(api.status(), 401);
    const missing = await page.request.get(`${tcp.cp.api.url}/assets/nope-123.js`);
    assert.equal(missing.status(), 404);
  });

  it('login → list → Running → Stop → Start → Pause → Unpause', async () => {
    await page.goto(`${tcp.cp.api.url}/`);
    await page.fill('#token', 'not-a-token');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Login failed', { timeout: 10_000 });
    await page.fill('#token', tcp.cp.api.adminToken);
    await page.click('button[type=submit]');
    const user = await page.waitForSelector('#current-user', { timeout: 15_000 });
    assert.equal(await user.textContent(), `token …${tcp.cp.api.adminToken.slice(-4)}`);

    // The list for All projects; the row goes to Running with its node and IP, live.
    const row = `#vm-table tr[data-vm="${NS}/${VM}"]`;
    await page.waitForSelector(`${row} [data-status="Running"]`, { timeout: 90_000 });
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('vireo-test-node'), row, { timeout: 20_000 });
    assert.match((await page.locator('#project-tree').textContent()) ?? '', new RegExp(NS));
    await shot('1-list');

    await page.click(`${row} a`);
    await status('Running');
    assert.equal(new URL(page.url()).pathname, `/k8s/ns/${NS}/virtualmachines/${VM}`);
    await page.waitForFunction(() => document.querySelector('#vm-pod')?.textContent?.startsWith('virt-launcher-'), undefined, { timeout: 20_000 });
    assert.equal(await page.locator('#vm-node').textContent(), TEST_NODE);
    assert.equal(await page.locator('#vm-vmi').textContent(), VM);
    assert.deepEqual([await enabled('start'), await enabled('stop'), await enabled('restart'), await enabled('pause'), await enabled('unpause')], [false, true, true, true, false]);
    await shot('2-details-running');

    await page.click('#action-stop');
    await status('Stopped', 90_000);
    await page.waitForFunction(() => !(document.querySelector('#action-start') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 5_000 });
    assert.deepEqual([await enabled('start'), await enabled('stop'), await enabled('restart'), await enabled('pause'), await enabled('unpause')], [true, false, false, false, false]);
    // The lab: Actions shows Start, with Restart and Pause greyed; Start from the menu.
    await page.click('#actions-menu');
    const item = (name: string) => page.getByRole('menuitem', { name, exact: true });
    await item('Start').waitFor({ timeout: 5_000 });
    assert.deepEqual([await item('Start').isDisabled(), await item('Restart').isDisabled(), await item('Pause').isDisabled()], [false, true, true]);
    await shot('3-stopped');
    await item('Start').click();
    await status('Running', 90_000);

    await page.waitForFunction(() => !(document.querySelector('#action-pause') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 5_000 });
    await page.click('#action-pause');
    await status('Paused');
    await page.waitForFunction(() => !(document.querySelector('#action-unpause') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 5_000 });
    assert.deepEqual([await enabled('start'), await enabled('pause'), await enabled('unpause')], [false, false, true]);
    await shot('4-paused');

    await page.click('#action-unpause');
    await status('Running');
    assert.equal(await page.locator('.action-error').count(), 0, 'no action failed');

    // Japanese, switched in the header.
    await page.click('#lang-ja');
    await page.waitForSelector('#action-stop:has-text("停止")');
    await shot('5-running-ja');
  });
});
