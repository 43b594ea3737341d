// Boot the tiny test guest (scripts/guest/build-test-guest.sh) under QEMU for
// integration tests: serial console captured from stdout, QMP and the guest
// agent on unix sockets in a per-guest temp dir.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repo = fileURLToPath(new URL('..', import.meta.url));
export const guestDir = process.env.VIREO_GUEST_DIR ?? join(repo, '.cache/guest');

/** Build (or find already built) the test guest; idempotent. */
export async function buildGuest(): Promise<void> {
  await promisify(execFile)('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], {
    timeout: 600_000,
  });
}

export interface Guest {
  dir: string;
  qmpPath: string;
  agentPath: string;
  /** Everything the guest wrote to its serial console so far. */
  serial(): string;
  waitFor(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** Start QEMU (TCG, q35, 128 MiB unless told) with QMP, a guest-agent port and `args`. */
export function startGuest(args: string[], opts: { memoryMiB?: number } = {}): Guest {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-guest-'));
  const qmpPath = join(dir, 'qmp.sock');
  const agentPath = join(dir, 'qga.sock');
  const qemuArgs = [
    '-nodefaults', '-no-user-config', '-display', 'none',
    '-machine', 'q35', '-accel', 'tcg', '-m', String(opts.memoryMiB ?? 128),
    '-serial', 'stdio',
    '-qmp', `unix:${qmpPath},server=on,wait=off`,
    '-chardev', `socket,id=qga0,path=${agentPath},server=on,wait=off`,
    '-device', 'virtio-serial-pci,id=vser0',
    '-device', 'virtserialport,chardev=qga0,name=org.qemu.guest_agent.0',
    ...args,
  ];
  // pdeathsig: a crashed or interrupted test run leaves no QEMU behind.
  const child: ChildProcessWithoutNullStreams = spawn(
    'setpriv', ['--pdeathsig', 'SIGKILL', '--', 'qemu-system-x86_64', ...qemuArgs],
    { stdio: 'pipe' },
  );
  let out = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (s: string) => {
    out += s.replace(/\r/g, '');
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters) w();
      resolve({ code, signal });
    }),
  );

  const waitFor = (re: RegExp, timeoutMs: number): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = re.exec(out);
        if (m) return done(() => resolve(m));
        if (child.exitCode !== null || child.signalCode !== null) {
          done(() => reject(new Error(`QEMU exited before ${re}; stderr: ${stderr}\nserial:\n${out}`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${re} within ${timeoutMs} ms; serial:\n${out}`))),
        timeoutMs,
      );
      const done = (fn: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        fn();
      };
      waiters.add(check);
      check();
    });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, qmpPath, agentPath, serial: () => out, waitFor, exited, stop };
}

/** A line-oriented JSON connection (QMP and the guest agent both speak this). */
export class JsonLines {
  private buf = '';
  private lines: string[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (s: string) => {
      this.buf += s;
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        this.lines.push(this.buf.slice(0, i));
        this.buf = this.buf.slice(i + 1);
      }
      this.wake?.();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static open(path: string): Promise<JsonLines> {
    return new Promise((resolve, reject) => {
      const sock = connect(path, () => resolve(new JsonLines(sock)));
      sock.once('error', reject);
    });
  }

  send(obj: unknown): void {
    this.sock.write(JSON.stringify(obj) + '\n');
  }

  /** Next JSON line; `skip` drops lines such as QMP events. */
  async next(timeoutMs: number, skip: (v: Record<string, unknown>) => boolean = () => false): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        const v = JSON.parse(line) as Record<string, unknown>;
        if (!skip(v)) return v;
        continue;
      }
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.sock.destroy();
  }
}

/** Connect to QMP, negotiate capabilities, run one command, return its reply. */
export async function qmp(path: string, execute: string, args?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const c = await JsonLines.open(path);
  try {
    await c.next(5000); // greeting
    c.send({ execute: 'qmp_capabilities' });
    await c.next(5000, (v) => 'event' in v);
    c.send(args ? { execute, arguments: args } : { execute });
    return await c.next(5000, (v) => 'event' in v);
  } finally {
    c.close();
  }
}
