// Helpers for end-to-end VM tests with real QEMU guests: the tiny test guest staged as the
// containerDisk `vireo.local/tiny:latest`, polling with a clear timeout message, the serial console
// captured live from serial.sock (it outlives nothing: the run dir goes when the VMI does), and a
// line exchanged with a guest port through its masquerade forward.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const guestDir = process.env.VIREO_GUEST_DIR ?? join(repo, '.cache/guest');
export const TINY_IMAGE = 'vireo.local/tiny:latest';

/** Builds the test guest (idempotent) and stages its disk as TINY_IMAGE in `imageDir`. */
export async function stageTinyImage(imageDir: string): Promise<void> {
  await promisify(execFile)('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  const dir = join(imageDir, 'vireo.local/tiny/latest');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(guestDir, 'disk.qcow2'), join(dir, 'disk.qcow2'));
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Everything the guest prints from now on, read from the serial chardev socket. */
export class SerialCapture {
  text = '';
  closed = false;
  private constructor(private readonly sock: net.Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (s: string) => (this.text += s.replace(/\r/g, '')));
    sock.on('close', () => (this.closed = true));
    sock.on('error', () => undefined); // 'close' follows and is what the tests look at
  }

  static open(path: string): Promise<SerialCapture> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(path, () => resolve(new SerialCapture(s)));
      s.once('error', reject);
    });
  }

  close(): void {
    this.sock.destroy();
  }
}

/** Sends `line` to host:port and resolves with the first line that comes back. */
export function exchangeLine(host: string, port: number, line: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection({ host, port });
    let buf = '';
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    s.setEncoding('utf8');
    s.on('connect', () => s.write(`${line}\n`));
    s.on('data', (d: string) => {
      buf += d;
      const i = buf.indexOf('\n');
      if (i >= 0) {
        clearTimeout(t);
        s.destroy();
        resolve(buf.slice(0, i));
      }
    });
    s.on('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    s.on('close', () => {
      clearTimeout(t);
      reject(new Error(`${host}:${port} closed the connection without an answer`));
    });
  });
}
