// The node agent endpoint over a real QEMU running the tiny test guest: power actions with
// KubeVirt's refusals, the serial console and VNC websockets, the kept console log, guestosinfo.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { KubeClient } from '../src/client/client.ts';
import { startAgentEndpoint, type AgentEndpoint } from '../src/node/endpoint/endpoint.ts';
import { ENDPOINT_ANNOTATION, TOKEN_ANNOTATION } from '../src/node/endpoint/routes.ts';
import { startTestGuest, type TestGuest } from '../src/node/endpoint/testing.ts';
import { buildGuest, guestDir } from './guest-helpers.ts';

let guest: TestGuest;
let endpoint: AgentEndpoint;
let token = '';
const patches: { name: string | undefined; patch: unknown }[] = [];

// Records the Node patch instead of needing an API server (test/cli-actions covers the real one).
const fakeClient = {
  mergePatch: (_r: unknown, _ns: unknown, name: string, patch: unknown) => {
    patches.push({ name, patch });
    return Promise.resolve({});
  },
} as unknown as KubeClient;

const path = (sub: string, name = 'tiny') => `${endpoint.url}/v1/namespaces/default/vmis/${name}/${sub}`;
const auth = () => ({ Authorization: `Bearer ${token}` });
const put = (sub: string) => fetch(path(sub), { method: 'PUT', headers: auth() });
const heartbeat = () => Math.max(0, ...[...guest.serialLog().matchAll(/^vireo-heartbeat (\d+)$/gm)].map((m) => Number(m[1])));

interface Received {
  text: () => string;
  until: (re: RegExp, ms: number) => Promise<void>;
}

/** Opens a websocket; what it receives is collected from the start (frames may come with the 101). */
function openWs(sub: string, protocols: string[] = []): Promise<{ ws: WebSocket; out: Received }> {
  const ws = new WebSocket(path(sub).replace(/^http/, 'ws'), protocols, { headers: auth() });
  let text = '';
  ws.on('message', (d: Buffer, isBinary) => {
    assert.ok(isBinary, 'frames are binary');
    text += d.toString('latin1').replace(/\r/g, '');
  });
  const out: Received = {
    text: () => text,
    async until(re, ms) {
      const deadline = Date.now() + ms;
      while (!re.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms; got:\n${text.slice(-1000)}`);
        await sleep(50);
      }
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, out }));
    ws.once('error', reject);
  });
}

describe('node agent endpoint over a real guest', { timeout: 150_000 }, () => {
  before(async () => {
    await buildGuest();
    guest = await startTestGuest({ guestDir, namespace: 'default', name: 'tiny' });
    endpoint = await startAgentEndpoint({ access: guest.access, client: fakeClient, nodeName: 'node-a', address: '127.0.0.1', port: 0 });
    const annotations = (patches[0]?.patch as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    token = annotations[TOKEN_ANNOTATION];
    await guest.waitForLog(/^vireo-heartbeat 1$/m, 45_000);
  });

  after(async () => {
    await endpoint?.stop();
    await guest?.stop();
  });

  it('publishes its URL and token on its Node', () => {
    assert.equal(patches.length, 1);
    assert.equal(patches[0].name, 'node-a');
    const annotations = (patches[0].patch as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    assert.equal(annotations[ENDPOINT_ANNOTATION], endpoint.url);
    assert.match(endpoint.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(token.length >= 32);
  });

  it('refuses requests without the token, or with another one', async () => {
    assert.equal((await fetch(path('consolelog'))).status, 401);
    const wrong = await fetch(path('consolelog'), { headers: { Authorization: `Bearer ${token.slice(1)}x` } });
    assert.equal(wrong.status, 401);
    const ws = new WebSocket(path('console').replace(/^http/, 'ws'));
    const code = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    assert.equal(code, 401);
  });

  it('answers 404 for a VMI it does not run and 405 for the wrong verb', async () => {
    const res = await fetch(path('pause', 'other'), { method: 'PUT', headers: auth() });
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { message: string }).message, /VMI default\/other does not run on node node-a/);
    assert.equal((await fetch(path('pause'), { headers: auth() })).status, 405);
  });

  it('bridges the serial console: heartbeats out, typed text in (echoed by the guest tty)', async () => {
    const { ws, out } = await openWs('console', ['plain.kubevirt.io']);
    assert.equal(ws.protocol, 'plain.kubevirt.io');
    const next = heartbeat() + 1;
    await out.until(new RegExp(`^vireo-heartbeat ${next}$`, 'm'), 5000);
    ws.send(Buffer.from('typed-by-test\n'));
    await out.until(/^typed-by-test$/m, 5000);
    // A second console takes over; the first is closed with a reason.
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (c, r) => resolve([c, r.toString()])));
    const { ws: ws2, out: out2 } = await openWs('console', ['plain.kubevirt.io']);
    assert.deepEqual(await closed, [4000, 'another console connection took over']);
    await out2.until(/vireo-heartbeat \d+/, 5000);
    ws2.close();
  });

  it('pauses and unpauses, with KubeVirt refusals', async () => {
    assert.equal((await put('unpause')).status, 409);
    const p = await put('pause');
    assert.equal(p.status, 200);
    assert.deepEqual(((await guest.access.qmp('default', 'tiny', 'query-status')) as { status: string }).status, 'paused');
    const again = await put('pause');
    assert.equal(again.status, 409);
    const status = (await again.json()) as { message: string; reason: string };
    assert.equal(status.message, 'Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "tiny": VMI is already paused');
    assert.equal(status.reason, 'Conflict');
    const frozen = heartbeat();
    await sleep(2500);
    assert.equal(heartbeat(), frozen, 'no heartbeat while paused');
    assert.equal((await put('unpause')).status, 200);
    await guest.waitForLog(new RegExp(`^vireo-heartbeat ${frozen + 1}$`, 'm'), 5000);
    const notPaused = await put('unpause');
    assert.equal(notPaused.status, 409);
    assert.match(((await notPaused.json()) as { message: string }).message, /VMI is not paused$/);
  });

  it('bridges VNC: the RFB banner arrives in a binary frame', async () => {
    const { ws, out } = await openWs('vnc');
    await out.until(/RFB/, 5000);
    assert.equal(out.text(), 'RFB 003.008\n');
    ws.close();
  });

  it('serves the kept console log, whole and its last lines', async () => {
    const res = await fetch(path('consolelog'), { headers: auth() });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await res.text(), /^VIREO-GUEST-READY\r?$/m);
    const tail = await (await fetch(`${path('consolelog')}?tailLines=2`, { headers: auth() })).text();
    assert.equal(tail.replace(/\r/g, '').split('\n').filter(Boolean).length, 2, tail);
    assert.match(tail, /vireo-heartbeat \d+/);
    assert.equal((await fetch(`${path('consolelog')}?tailLines=x`, { headers: auth() })).status, 400);
  });

  it('maps the guest agent answers to KubeVirt guestosinfo', async () => {
    const res = await fetch(path('guestosinfo'), { headers: auth() });
    assert.equal(res.status, 200);
    const info = (await res.json()) as { guestAgentVersion: string; hostname: string; os: Record<string, string> };
    assert.equal(info.guestAgentVersion, 'vireo-tiny-1');
    assert.equal(info.hostname, 'vireo');
    assert.equal(info.os.name, 'Vireo Tiny Linux');
    assert.equal(info.os.id, 'vireo-tiny');
    assert.equal(info.os.machine, 'x86_64');
  });

  it('resets through QMP and soft-reboots through the guest agent', async () => {
    const boots = () => guest.serialLog().match(/^VIREO-GUEST-READY$/gm)?.length ?? 0;
    assert.equal(boots(), 1);
    assert.equal((await put('reset')).status, 200);
    await guest.waitForLog(/^VIREO-GUEST-READY$[\s\S]*^VIREO-GUEST-READY$/m, 30_000);
    await guest.waitForLog(/^VIREO-GUEST-READY$[\s\S]*^vireo-heartbeat 1$[\s\S]*^VIREO-GUEST-READY$[\s\S]*^vireo-heartbeat 1$/m, 10_000);
    assert.equal((await put('softreboot')).status, 200);
    await guest.waitForLog(/(^VIREO-GUEST-READY$[\s\S]*){3}/m, 30_000);
  });
});
