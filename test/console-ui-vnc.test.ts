// The Overview's live VNC thumbnail and the VNC console's Paste in Debian's Chromium against a real
// control plane whose node agent runs the tiny guest under TCG (its init runs a shell on the VGA
// screen's tty1). The thumbnail is a scaled, view-only noVNC view of the guest's screen that opens
// the Console tab when clicked; Paste types the clipboard's text into that shell as key presses,
// shifted characters included, and the command's output reaches the serial console log; the
// thumbnail on another page shows the typing live; a stopped VM gets the placeholder.
// Screenshots land in test/.cache/screenshots/vnc-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { TINY_IMAGE, stageTinyImage, waitFor } from './support/vm-e2e.ts';

const VM = 'vnc-tiny';
const NS = 'default';
// Shifted characters ($, (, *, ), ", :, >, capitals) and arithmetic the guest's shell must do.
const COMMAND = 'echo "Vireo paste OK: $((6*7))" >/dev/ttyS0';
const OUTPUT = /^Vireo paste OK: 42\r?$/m;

const vm = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        terminationGracePeriodSeconds: 0,
        domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
        volumes: [{ name: 'root', containerDisk: { image: TINY_IMAGE } }],
      },
    },
  },
};

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

/** The canvas in `root`: its size on screen and in pixels, how many colours it has and a hash of its pixels. */
function canvasInfo(p: Page, root: string) {
  return p.evaluate((sel) => {
    const c = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
    if (!c || c.width === 0 || c.height === 0) return undefined;
    const px = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!px) return undefined;
    const colours = new Set<number>();
    let hash = 0x811c9dc5;
    for (let i = 0; i < px.length; i += 4) {
      const rgb = (px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!;
      if (colours.size < 16) colours.add(rgb);
      hash = Math.imul(hash ^ rgb, 16777619) >>> 0;
    }
    const box = c.getBoundingClientRect();
    return { width: c.width, height: c.height, shownWidth: box.width, shownHeight: box.height, colours: colours.size, hash };
  }, root);
}

/** Waits until the canvas in `root` shows more than one colour (the guest drew something), and returns it. */
async function drawnCanvas(p: Page, root: string, timeoutMs: number) {
  return waitFor(`a drawn canvas in ${root}`, timeoutMs, async () => {
    const info = await canvasInfo(p, root);
    return info && info.colours > 1 ? info : undefined;
  }, 250);
}

const consoleLog = async () => {
  const res = await page.request.get(`${tcp.cp.api.url}/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachineinstances/${VM}/consolelog`, {
    headers: { Authorization: `Bearer ${tcp.cp.api.adminToken}` },
  });
  assert.equal(res.status(), 200);
  return res.text();
};

describe('web console: the Overview VNC thumbnail and the VNC console Paste in Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    await buildConsole();
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    await tcp.client.create(R.vms, NS, vm);
    ({ browser, page } = await openBrowser());
    // Paste reads the clipboard, which a page may do only with this permission.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tcp.cp.api.url });
    await login(page, tcp.cp.api.url, tcp.cp.api.adminToken);
  });
  after(async () => {
    await browser?.close();
    await tcp?.stop();
  });

  it('Overview: a scaled, view-only thumbnail of the running guest; a click opens the Console tab', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}`);
    await page.waitForSelector('#vm-status [data-status="Running"]', { timeout: 120_000 });
    await page.waitForSelector('#card-details #vm-vnc-thumbnail[data-state="connected"]', { timeout: 20_000 });
    const info = await drawnCanvas(page, '#vm-vnc-thumbnail', 60_000);
    // The guest's whole VGA screen, shown within about 320×240.
    assert.ok(info.width >= 640 && info.height >= 400, `the guest's screen size, got ${info.width}x${info.height}`);
    assert.ok(info.shownWidth <= 321 && info.shownHeight <= 241 && info.shownWidth >= 200, `scaled to the thumbnail, got ${info.shownWidth}x${info.shownHeight}`);
    await page.locator('#card-details').scrollIntoViewIfNeeded();
    await shot(page, 'vnc-1-thumbnail');

    await page.click('#vm-vnc-open');
    await page.waitForURL(`**/k8s/ns/${NS}/virtualmachines/${VM}/console`);
    await page.waitForSelector('#vnc-console[data-state="connected"]', { timeout: 20_000 });
    assert.equal(await page.locator('#vm-vnc-thumbnail').count(), 0, 'the thumbnail went with the Overview');
  });

  it('Console: Paste types the clipboard into the guest; its output reaches the serial log; a thumbnail elsewhere shows it live', async () => {
    // The shell on tty1 starts beside the heartbeat: a few beats on, it reads the keyboard.
    await waitFor('the guest to be up', 60_000, async () => /^vireo-heartbeat 3\r?$/m.test(await consoleLog()), 500);
    // Another page keeps the Overview open: its thumbnail must follow the guest's screen.
    const overview = await page.context().newPage();
    // The token lives in the tab's session storage: a new tab logs in too.
    await login(overview, tcp.cp.api.url, tcp.cp.api.adminToken);
    await overview.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}`);
    await overview.waitForSelector('#vm-vnc-thumbnail[data-state="connected"]', { timeout: 20_000 });
    const before = await drawnCanvas(overview, '#vm-vnc-thumbnail', 30_000);
    // Not a frame still being drawn: the screen has settled once the hash holds for a while.
    let settled = before.hash;
    await waitFor('the thumbnail to settle', 20_000, async () => {
      await overview.waitForTimeout(1000);
      const now = (await canvasInfo(overview, '#vm-vnc-thumbnail'))?.hash;
      const same = now === settled;
      settled = now ?? settled;
      return same;
    });

    await page.bringToFront();
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${COMMAND}\n`);
    await page.click('#vnc-paste');
    await page.waitForSelector('#vnc-paste-modal');
    await waitFor('the clipboard text in the box', 5_000, async () => (await page.inputValue('#vnc-paste-text')) === `${COMMAND}\n`);
    assert.equal(await page.locator('#vnc-paste-unsupported').count(), 0);
    assert.equal(await page.locator('#vnc-paste-clipboard').count(), 0, 'the clipboard was readable');
    await shot(page, 'vnc-2-paste-dialog');
    await page.click('#vnc-paste-send');
    await page.waitForSelector('#vnc-paste-modal', { state: 'detached', timeout: 20_000 });
    assert.equal(await page.locator('#vnc-paste-error').count(), 0);

    await waitFor('the pasted command to run in the guest', 30_000, async () => OUTPUT.test(await consoleLog()), 500);
    await shot(page, 'vnc-3-pasted');

    await waitFor('the thumbnail to show the typing', 15_000, async () => (await canvasInfo(overview, '#vm-vnc-thumbnail'))?.hash !== settled, 250);
    await overview.locator('#card-details').scrollIntoViewIfNeeded();
    await shot(overview, 'vnc-4-thumbnail-live');
    await overview.close();

    // Text typed into the box: control characters are named and left out.
    await page.click('#vnc-paste');
    await page.waitForSelector('#vnc-paste-modal');
    await page.fill('#vnc-paste-text', 'a\u0007b');
    await page.waitForSelector('#vnc-paste-unsupported:has-text("U+0007")');
    await page.click('#vnc-paste-cancel');
    await page.waitForSelector('#vnc-paste-modal', { state: 'detached' });

    // Japanese labels.
    await page.click('#lang-ja');
    await page.waitForSelector('#vnc-paste:has-text("貼り付け")');
    await page.click('#lang-en');
  });

  it('a stopped VM: the thumbnail is a placeholder saying so', async () => {
    await page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await page.waitForSelector('#vm-vnc-thumbnail[data-state="connected"]', { timeout: 20_000 });
    await page.click('#action-stop');
    await page.waitForSelector('#vm-status [data-status="Stopped"]', { timeout: 60_000 });
    await page.waitForSelector('#vm-vnc-thumbnail[data-state="not-running"]:has-text("VM is not running")');
    assert.equal(await page.locator('#vm-vnc-thumbnail canvas').count(), 0);
    await shot(page, 'vnc-5-stopped');
    await page.click('#lang-ja');
    await page.waitForSelector('#vm-vnc-thumbnail:has-text("VM は実行されていません")');
  });
});
