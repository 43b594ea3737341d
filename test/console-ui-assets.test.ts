// The console's static serving: files from dist by path, client routes as index.html, nothing
// outside dist, a clear 503 without a build, and API paths never touched.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { consoleHandler, resolveAsset } from '../src/controlplane/console-assets.ts';

const dist = mkdtempSync(join(tmpdir(), 'vireo-console-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<div id="root"></div>');
writeFileSync(join(dist, 'assets/app-abc.js'), 'console.log(1)');
after(() => rmSync(dist, { recursive: true, force: true }));

interface Captured {
  status?: number;
  headers: Record<string, string | number>;
  body?: string;
}

async function get(handler: ReturnType<typeof consoleHandler>, url: string, method = 'GET'): Promise<{ handled: boolean } & Captured> {
  const out: Captured = { headers: {} };
  const res = {
    writeHead(status: number, headers: Record<string, string | number>) {
      out.status = status;
      out.headers = headers;
      return this;
    },
    end(b?: Buffer | string) {
      out.body = b === undefined ? undefined : String(b);
    },
  } as unknown as ServerResponse;
  const handled = await handler({ url, method } as IncomingMessage, res);
  return { handled, ...out };
}

test('files by path; hashed assets cached for good, the page never', async () => {
  const h = consoleHandler(dist);
  const js = await get(h, '/assets/app-abc.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers['Content-Type'], 'text/javascript; charset=utf-8');
  assert.match(String(js.headers['Cache-Control']), /immutable/);
  const page = await get(h, '/');
  assert.equal(page.body, '<div id="root"></div>');
  assert.equal(page.headers['Cache-Control'], 'no-cache');
});

test('client routes fall back to index.html; a missing asset is a 404', async () => {
  const h = consoleHandler(dist);
  const deep = await get(h, '/k8s/ns/default/virtualmachines/fedora01?x=1');
  assert.equal(deep.status, 200);
  assert.equal(deep.body, '<div id="root"></div>');
  assert.equal((await get(h, '/assets/gone-123.js')).status, 404);
  assert.equal((await get(h, '/', 'POST')).handled, false);
  assert.equal((await get(h, '/', 'HEAD')).body, undefined);
});

test('nothing outside dist', () => {
  assert.equal(resolveAsset(dist, '/../../etc/passwd'), undefined);
  assert.equal(resolveAsset(dist, '/%2e%2e/%2e%2e/etc/passwd'), undefined);
  assert.equal(resolveAsset(dist, '/assets/%00'), undefined);
  assert.equal(resolveAsset(dist, '/assets/app-abc.js'), join(dist, 'assets/app-abc.js'));
  assert.equal(resolveAsset(dist, '/assets'), undefined, 'a directory is not a file');
});

test('no build: 503 that says how to build', async () => {
  const r = await get(consoleHandler(join(dist, 'missing')), '/');
  assert.equal(r.status, 503);
  assert.match(r.body ?? '', /console\/build\.sh/);
});
