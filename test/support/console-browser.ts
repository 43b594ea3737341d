// Debian's Chromium driven by playwright-core for the web console's end-to-end tests: built
// console, a headless browser that accepts the test server's self-signed certificate, the token
// login, and screenshots under test/.cache/screenshots/ (look at them).
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repo } from './vm-e2e.ts';

export const SHOTS = join(repo, 'test/.cache/screenshots');

export async function buildConsole(): Promise<void> {
  await promisify(execFile)('bash', [join(repo, 'console/build.sh')], { timeout: 300_000 });
}

export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  return { browser, page: await ctx.newPage() };
}

/** Logs in with `token` at `url` and waits for the masthead. */
export async function login(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('#current-user', { timeout: 15_000 });
}

/** A full-page screenshot after PatternFly's transitions settle. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
