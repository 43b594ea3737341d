// Test support: the tiny test guest (scripts/guest/build-test-guest.sh) under real QEMU/TCG with
// the node agent's run-dir layout (serial.sock + serial.log, vnc.sock, qmp.sock, qga.sock), and a
// minimal GuestAccess over it, so endpoint and CLI tests need no node agent.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpClient } from '../../qemu/qmp.ts';
import type { GuestAccess } from '../guest-access.ts';

export interface TestGuest {
  namespace: string;
  name: string;
  runDir: string;
  access: GuestAccess;
  serialLog(): string;
  /** Waits until the serial log matches `re`. */
  waitForLog(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export async function startTestGuest(opts: { guestDir: string; namespace: string; name: string }): Promise<TestGuest> {
  const runDir = mkdtempSync(join(tmpdir(), 'vireo-run-'));
  const p = (f: string) => join(runDir, f);
  // vmlinux (PVH) skips the bzImage decompressor, seconds under TCG; older builds only have vmlinuz.
  const kernel = existsSync(join(opts.guestDir, 'vmlinux')) ? 'vmlinux' : 'vmlinuz';
  const argv = [
    '-nodefaults', '-no-user-config', '-machine', 'q35', '-accel', 'tcg', '-m', '128',
    '-kernel', join(opts.guestDir, kernel), '-initrd', join(opts.guestDir, 'initramfs.gz'), '-append', 'console=ttyS0 quiet no_timer_check',
    '-chardev', `socket,id=serial0,path=${p('serial.sock')},server=on,wait=off,logfile=${p('serial.log')},logappend=on`,
    '-serial', 'chardev:serial0',
    '-vnc', `unix:${p('vnc.sock')}`,
    '-qmp', `unix:${p('qmp.sock')},server=on,wait=off`,
    '-chardev', `socket,id=qga0,path=${p('qga.sock')},server=on,wait=off`,
    '-device', 'virtio-serial-pci,id=vser0',
    '-device', 'virtserialport,chardev=qga0,name=org.qemu.guest_agent.0',
  ];
  // pdeathsig: an interrupted test run leaves no QEMU behind.
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'qemu-system-x86_64', ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr += s));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  let qmp: QmpClient;
  try {
    qmp = await QmpClient.connect(p('qmp.sock'), { timeoutMs: 10_000 });
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`QEMU did not come up: ${(e as Error).message}; stderr: ${stderr}`, { cause: e });
  }
  const agent = new AgentChannel(p('qga.sock'));
  const mine = (ns: string, name: string) => ns === opts.namespace && name === opts.name;
  const access: GuestAccess = {
    runDir: (ns, name) => (mine(ns, name) ? runDir : undefined),
    qmp: <T>(ns: string, name: string, command: string, args?: Record<string, unknown>) =>
      mine(ns, name) ? qmp.execute<T>(command, args) : Promise.reject(new Error(`no guest ${ns}/${name}`)),
    guestAgent: <T>(ns: string, name: string, command: string, args?: Record<string, unknown>) =>
      mine(ns, name) ? agent.call<T>(command, args) : Promise.reject(new Error(`no guest ${ns}/${name}`)),
  };
  const serialLog = (): string => {
    try {
      return readFileSync(p('serial.log'), 'latin1').replace(/\r/g, '');
    } catch {
      return '';
    }
  };
  const waitForLog = async (re: RegExp, timeoutMs: number): Promise<RegExpExecArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(serialLog());
      if (m) return m;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`QEMU exited before ${re}; stderr: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${re} in the serial log within ${timeoutMs} ms:\n${serialLog().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async (): Promise<void> => {
    agent.close();
    await qmp.close();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(runDir, { recursive: true, force: true });
  };
  return { namespace: opts.namespace, name: opts.name, runDir, access, serialLog, waitForLog, stop };
}

/**
 * The guest agent channel, one command at a time. Each command is preceded by `guest-sync` with a
 * fresh id so a stale reply (of a command that timed out) is never taken for this one's.
 */
class AgentChannel {
  private sock?: Socket;
  private buf = '';
  private wake?: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = Math.floor(Math.random() * 1e9);

  constructor(private readonly path: string) {}

  call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    const run = this.queue.then(() => this.exchange<T>(command, args));
    this.queue = run.catch(() => undefined); // the next command runs whatever this one did
    return run;
  }

  close(): void {
    this.sock?.destroy();
  }

  private async exchange<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    const sock = await this.connect();
    const id = this.nextId++;
    sock.write(`${JSON.stringify({ execute: 'guest-sync', arguments: { id } })}\n`);
    for (;;) {
      const r = await this.line(8000, 'guest-sync');
      if (r.return === id) break;
    }
    sock.write(`${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`);
    const reply = await this.line(5000, command);
    if (reply.error) {
      const err = reply.error as { class?: string; desc?: string };
      throw new Error(`guest agent ${command}: ${err.class ?? ''}: ${err.desc ?? ''}`);
    }
    return reply.return as T;
  }

  private async connect(): Promise<Socket> {
    if (this.sock && !this.sock.destroyed) return this.sock;
    const sock = await new Promise<Socket>((resolve, reject) => {
      const s = connect(this.path, () => resolve(s));
      s.once('error', reject);
    });
    sock.setEncoding('latin1');
    sock.on('data', (s: string) => {
      this.buf += s;
      this.wake?.();
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.wake?.());
    this.buf = '';
    this.sock = sock;
    return sock;
  }

  private async line(timeoutMs: number, what: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const text = this.buf.slice(0, nl).replace(/[\xff\r]/g, '').trim();
        this.buf = this.buf.slice(nl + 1);
        if (!text) continue;
        try {
          return JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue; // noise from before the channel synced
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || !this.sock || this.sock.destroyed) {
        this.sock?.destroy(); // the next command starts on a fresh connection
        throw new Error(`guest agent: no answer to ${what} within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
}
