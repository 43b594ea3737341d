// The VM details Console tab in Debian's Chromium against a real control plane whose node agent
// runs the tiny guest under TCG: the serial console (xterm.js) shows the guest's heartbeat and what
// is typed reaches the guest (its tty echoes it, and the kept console log has it); the VNC console
// (noVNC) connects, draws the guest's screen and sends Ctrl+Alt+Del. The browser authenticates both
// websockets with the token subprotocol, as it cannot set headers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { R } from '../src/client/resources.ts';
import { buildConsole, login, openBrowser, shot } from './support/console-browser.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { TINY_IMAGE, stageTinyImage } from './support/vm-e2e.ts';

const VM = 'console-tiny';
const NS = 'default';

let tcp: TestControlPlane;
let browser: Browser;
let page: Page;

const vm = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        terminationGracePeriodSeconds: 5,
        domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
        volumes: [{ name: 'root', containerDisk: { image: TINY_IMAGE } }],
      },
    },
  },
};

/** The terminal's visible text, one line per row (xterm's DOM renderer). */
const terminalText = () => page.evaluate(() => (document.querySelector('#serial-console .xterm-rows') as HTMLElement | null)?.innerText ?? '');

async function waitForTerminal(re: RegExp, timeout: number): Promise<void> {
  await page.waitForFunction((src) => new RegExp(src, 'm').test((document.querySelector('#serial-console .xterm-rows') as HTMLElement | null)?.innerText ?? ''), re.source, { timeout });
}

async function chooseConsole(kind: 'console' | 'vnc'): Promise<void> {
  await page.click('#console-type');
  await page.click(`#console-type-${kind}`);
}

describe('web console: the VM Console tab (serial and VNC) in Chromium', { timeout: 300_000 }, () => {
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

  it('serial console: the guest heartbeat shows, typed text reaches the guest', async () => {
    await page.goto(`${tcp.cp.api.url}/k8s/ns/${NS}/virtualmachines/${VM}/console`);
    // Not running yet: the tab says so, then offers the consoles once the VMI runs.
    await page.waitForSelector('#console-type', { timeout: 120_000 });
    await chooseConsole('console');
    await page.waitForSelector('#serial-console[data-state="connected"]', { timeout: 15_000 });
    await waitForTerminal(/vireo-heartbeat\s\d+/, 60_000);

    // Typed keys go to the guest, whose tty echoes them (xterm.js has no local echo). A heartbeat
    // can land in the middle of the echoed line, so a marker gets a few tries.
    let marker = '';
    for (let i = 1; i <= 3 && !marker; i++) {
      const m = `typed-in-chromium-${i}`;
      await page.click('#serial-console .serial-terminal');
      await page.keyboard.type(m);
      await page.keyboard.press('Enter');
      try {
        await waitForTerminal(new RegExp(`^${m}\\s*$`), 10_000);
        marker = m;
      } catch {
        assert.ok(i < 3, `no try echoed its marker; terminal:\n${await terminalText()}`);
      }
    }
    const log = await page.request.get(`${tcp.cp.api.url}/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachineinstances/${VM}/consolelog`, {
      headers: { Authorization: `Bearer ${tcp.cp.api.adminToken}` },
    });
    assert.equal(log.status(), 200);
    assert.match(await log.text(), new RegExp(`^${marker}\\r?$`, 'm'), 'the guest wrote the echo to its serial port');
    await shot(page, 'console-serial');

    // Disconnect and connect again, as a person would.
    await page.click('#console-disconnect');
    await page.waitForSelector('#serial-console[data-state="closed"]');
    assert.equal(await page.locator('.console-error').count(), 0, 'a chosen disconnect is no error');
    await page.click('#console-connect');
    await page.waitForSelector('#serial-console[data-state="connected"]', { timeout: 15_000 });
  });

  it('VNC console: noVNC connects and draws the guest screen; Send key works', async () => {
    await chooseConsole('vnc');
    await page.waitForSelector('#vnc-console[data-state="connected"]', { timeout: 20_000 });
    // The guest's VGA (SeaBIOS and the kernel's text console) is not a blank screen.
    await page.waitForFunction(
      () => {
        const c = document.querySelector('#vnc-console canvas') as HTMLCanvasElement | null;
        if (!c || c.width < 100 || c.height < 100) return false;
        const px = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        if (!px) return false;
        for (let i = 0; i < px.length; i += 4) if (px[i] > 40 || px[i + 1] > 40 || px[i + 2] > 40) return true;
        return false;
      },
      undefined,
      { timeout: 20_000 },
    );
    const size = await page.evaluate(() => {
      const c = document.querySelector('#vnc-console canvas') as HTMLCanvasElement;
      return [c.width, c.height];
    });
    assert.ok(size[0] >= 640 && size[1] >= 400, `the guest's screen size, got ${size.join('x')}`);
    await shot(page, 'console-vnc');

    await page.click('#vnc-send-key');
    await page.click('#vnc-ctrl-alt-del');
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#vnc-console').getAttribute('data-state'), 'connected');
    assert.equal(await page.locator('.console-error').count(), 0);

    // Japanese labels for the consoles.
    await page.click('#lang-ja');
    await page.waitForSelector('#console-type:has-text("VNC コンソール")');
    await page.waitForSelector('#vnc-send-key:has-text("キーの送信")');
  });
});
