// `bin/vireo` against a real control plane whose (fake) Node points at a real node agent endpoint
// over a real QEMU guest: VMI actions, the console (pipe mode), console log, VNC, guestosinfo, ssh,
// and the one-line errors. Also the API server's websocket upgrade (token in the subprotocol).
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { ApiStatusError } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startAgentEndpoint, type AgentEndpoint } from '../src/node/endpoint/endpoint.ts';
import { startTestGuest, type TestGuest } from '../src/node/endpoint/testing.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { buildGuest, guestDir, repo } from './guest-helpers.ts';

const NODE = 'cli-test-node';
let tcp: TestControlPlane;
let guest: TestGuest;
let endpoint: AgentEndpoint;
let fakeBin = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnVireo(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG: tcp.kubeconfig, ...env };
  delete childEnv.DISPLAY;
  delete childEnv.WAYLAND_DISPLAY;
  return spawn(join(repo, 'bin/vireo'), args, { env: childEnv, stdio: 'pipe' });
}

function output(child: ChildProcessWithoutNullStreams): { out: () => string; err: () => string; done: Promise<Run> } {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('latin1').on('data', (s: string) => (stdout += s.replace(/\r/g, '')));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { out: () => stdout, err: () => stderr, done };
}

async function vireo(...args: string[]): Promise<Run> {
  const child = spawnVireo(args);
  child.stdin.end();
  return output(child).done;
}

async function waitFor(what: () => string, re: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = re.exec(what());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms; got:\n${what().slice(-1500)}`);
    await sleep(50);
  }
}

/** A failed command: exit 1 and exactly one line on stderr. */
function assertOneLineError(r: Run, expected: string): void {
  assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stderr, `error: ${expected}\n`);
  assert.equal(r.stdout, '');
}

async function createVmi(name: string, status?: Record<string, unknown>, annotations?: Record<string, string>): Promise<void> {
  await tcp.client.create(R.vmis, 'default', {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { domain: { devices: {}, resources: { requests: { memory: '128Mi' } } } },
  });
  if (!status) return;
  // The scheduler may write the new VMI's status at the same time: retry on conflicts.
  for (;;) {
    const cur = await tcp.client.get<KubeObject>(R.vmis, 'default', name);
    try {
      await tcp.client.updateStatus(R.vmis, { ...cur, status });
      return;
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.code === 409)) throw e;
    }
  }
}

describe('vireo CLI against a guest behind the API server', { timeout: 150_000 }, () => {
  before(async () => {
    await buildGuest();
    [tcp, guest] = await Promise.all([startControlPlane(), startTestGuest({ guestDir, namespace: 'default', name: 'tiny' })]);
    await tcp.client.create(R.nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE } });
    endpoint = await startAgentEndpoint({ access: guest.access, client: tcp.client, nodeName: NODE, address: '127.0.0.1', port: 0 });
    await createVmi('tiny', { phase: 'Running', nodeName: NODE, interfaces: [{ name: 'default', ipAddress: '127.0.0.1' }] }, { 'vireo.io/port-forwards': '{"22/TCP":40022}' });
    await createVmi('idle');
    await createVmi('orphan', { phase: 'Running', nodeName: 'no-such-node' });
    fakeBin = mkdtempSync(join(tmpdir(), 'vireo-fake-ssh-'));
    writeFileSync(join(fakeBin, 'ssh'), '#!/bin/sh\necho "fake-ssh $*"\nexit 7\n');
    chmodSync(join(fakeBin, 'ssh'), 0o755);
    await guest.waitForLog(/^vireo-heartbeat 1$/m, 45_000);
  });

  after(async () => {
    await endpoint?.stop();
    await tcp?.stop();
    await guest?.stop();
    if (fakeBin) rmSync(fakeBin, { recursive: true, force: true });
  });

  it('pauses and unpauses a VMI, and refuses a second pause with the server\'s message', async () => {
    const r = await vireo('pause', 'vmi', 'tiny');
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'VMI tiny was scheduled to pause\n', '']);
    assert.equal(((await guest.access.qmp('default', 'tiny', 'query-status')) as { status: string }).status, 'paused');
    assertOneLineError(await vireo('pause', 'vmi', 'tiny'), 'Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "tiny": VMI is already paused');
    const u = await vireo('unpause', 'vmi', 'tiny', '-n', 'default');
    assert.deepEqual([u.code, u.stdout], [0, 'VMI tiny was scheduled to unpause\n']);
    assert.equal(((await guest.access.qmp('default', 'tiny', 'query-status')) as { status: string }).status, 'running');
  });

  it('prints the kept console log, whole and --tail', async () => {
    const r = await vireo('console-log', 'tiny');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^VIREO-GUEST-READY$/m);
    const t = await vireo('console-log', 'tiny', '--tail', '1');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^vireo-heartbeat \d+\n$/);
  });

  it('console in pipe mode: guest output out, stdin in, exits when stdin ends', async () => {
    const child = spawnVireo(['console', 'tiny']);
    const io = output(child);
    await waitFor(io.err, /Successfully connected to tiny console\. The escape sequence is \^\]\n/, 15_000);
    await waitFor(io.out, /vireo-heartbeat \d+\n/, 10_000);
    child.stdin.write('typed-through-the-cli\n');
    await waitFor(io.out, /^typed-through-the-cli$/m, 10_000);
    child.stdin.end();
    const r = await io.done;
    assert.equal(r.code, 0, r.stderr);
  });

  it('console on a terminal: raw keys reach the guest and Ctrl+] leaves', async () => {
    // script(1) gives vireo a pseudo-terminal; -e passes its exit code on.
    const child = spawn('script', ['-qfec', `'${join(repo, 'bin/vireo')}' console tiny`, '/dev/null'], {
      env: { ...process.env, KUBECONFIG: tcp.kubeconfig },
      stdio: 'pipe',
    });
    const io = output(child);
    await waitFor(() => io.out() + io.err(), /The escape sequence is \^\]/, 15_000);
    child.stdin.write('typed-on-a-tty\r');
    await waitFor(io.out, /typed-on-a-tty\n/, 10_000);
    // The guest's own echo (not the local terminal's) is in its serial log.
    await guest.waitForLog(/^typed-on-a-tty$/m, 5000);
    child.stdin.write(Buffer.from([0x1d]));
    const r = await Promise.race([io.done, sleep(10_000).then(() => ({ code: 'still running after Ctrl+]' }))]);
    assert.equal(r.code, 0);
  });

  it('vnc: a local TCP client gets the RFB banner, with and without --proxy-only', async () => {
    for (const args of [['vnc', 'tiny', '--port', '0'], ['vnc', 'tiny', '--proxy-only']]) {
      const child = spawnVireo(args);
      const io = output(child);
      try {
        const m = await waitFor(io.out, /(?:127\.0\.0\.1:|"port":)(\d+)/, 15_000);
        const banner = await new Promise<string>((resolve, reject) => {
          const s = connect(Number(m[1]), '127.0.0.1');
          s.once('data', (d) => {
            resolve(d.toString('latin1'));
            s.destroy();
          });
          s.once('error', reject);
        });
        assert.equal(banner, 'RFB 003.008\n');
        if (args.includes('--proxy-only')) assert.match(io.out(), /^\{"port":\d+\}\n$/);
      } finally {
        child.kill('SIGTERM');
        await io.done;
      }
    }
  });

  it('guestosinfo prints the guest agent\'s answers as JSON', async () => {
    const r = await vireo('guestosinfo', 'tiny');
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout) as { hostname: string; os: { name: string } };
    assert.equal(info.hostname, 'vireo');
    assert.equal(info.os.name, 'Vireo Tiny Linux');
  });

  it('ssh runs the system ssh to the forwarded port', async () => {
    const child = spawnVireo(['ssh', 'alice@vmi/tiny', '--', 'uname', '-a'], { PATH: `${fakeBin}:${process.env.PATH ?? ''}` });
    child.stdin.end();
    const r = await output(child).done;
    assert.deepEqual([r.code, r.stdout], [7, 'fake-ssh -p 40022 alice@127.0.0.1 uname -a\n']);
    assertOneLineError(
      await vireo('ssh', 'idle'),
      'VMI idle has no forwarded SSH port (22/TCP in vireo.io/port-forwards); its pod network needs the masquerade binding with port 22 (or no ports list)',
    );
  });

  it('start and stop a VM (the server side changes its run strategy)', async () => {
    await tcp.client.create(R.vms, 'default', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'halted' },
      spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {}, resources: { requests: { memory: '128Mi' } } } } } },
    });
    const strategy = async () => ((await tcp.client.get<KubeObject>(R.vms, 'default', 'halted')).spec as { runStrategy: string }).runStrategy;
    const s = await vireo('start', 'halted');
    assert.deepEqual([s.code, s.stdout, s.stderr], [0, 'VM halted was scheduled to start\n', '']);
    assert.equal(await strategy(), 'Always');
    const t = await vireo('stop', 'halted', '--force', '--grace-period', '0');
    assert.deepEqual([t.code, t.stdout, t.stderr], [0, 'VM halted was scheduled to stop\n', '']);
    assert.equal(await strategy(), 'Halted');
  });

  it('errors are one line and exit 1', async () => {
    assertOneLineError(await vireo('start', 'nope'), 'virtualmachines.kubevirt.io "nope" not found');
    assertOneLineError(await vireo('stop', 'nope', '--grace-period', '3'), '--grace-period needs --force');
    assertOneLineError(await vireo('pause', 'vm', 'nope'), 'virtualmachines.kubevirt.io "nope" not found');
    assertOneLineError(await vireo('pause', 'vmi', 'nope'), 'virtualmachineinstances.kubevirt.io "nope" not found');
    assertOneLineError(await vireo('pause', 'pod', 'tiny'), 'unknown resource type "pod": use vm or vmi');
    const notRunning = 'Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "idle": VMI is not running';
    assertOneLineError(await vireo('pause', 'vmi', 'idle'), notRunning);
    assertOneLineError(await vireo('console', 'idle'), notRunning);
    assertOneLineError(await vireo('guestosinfo', 'orphan'), 'node no-such-node publishes no agent endpoint (vireo.io/agent-endpoint); is its node agent running?');
    assertOneLineError(await vireo('pause', 'vmi', 'tiny', '--kubeconfig', '/nonexistent/kubeconfig'), 'kubeconfig /nonexistent/kubeconfig does not exist; pass --kubeconfig or set KUBECONFIG');
  });

  it('the API server takes the websocket token from the subprotocol, as browsers must send it', async () => {
    const url = `${tcp.cp.api.url.replace(/^https/, 'wss')}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/tiny/console`;
    const token = `base64url.bearer.authorization.k8s.io.${Buffer.from(tcp.cp.api.adminToken).toString('base64url')}`;
    const ws = new WebSocket(url, [token, 'plain.kubevirt.io'], { ca: tcp.cp.api.caPem });
    let text = '';
    ws.on('message', (d: Buffer) => (text += d.toString('latin1')));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    assert.equal(ws.protocol, 'plain.kubevirt.io');
    await waitFor(() => text, /vireo-heartbeat \d+/, 10_000);
    ws.close();
    const anonymous = new WebSocket(url, ['plain.kubevirt.io'], { ca: tcp.cp.api.caPem });
    const code = await new Promise<number>((resolve) => anonymous.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0)));
    assert.equal(code, 401);
  });
});
