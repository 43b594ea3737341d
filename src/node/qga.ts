// The guest agent channel of one guest (virtio-serial port org.qemu.guest_agent.0, a unix socket
// on the host). One connection, one command at a time. Each exchange starts with guest-sync so a
// reply left over from an earlier timed-out command (or queued while no agent ran) is skipped.
import net from 'node:net';

/** Commands the QEMU guest agent never answers (success-response: false). */
const NO_REPLY = new Set(['guest-shutdown', 'guest-suspend-disk', 'guest-suspend-ram', 'guest-suspend-hybrid']);

export class GuestAgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestAgentError';
  }
}

export class GuestAgentChannel {
  private socket: net.Socket | undefined;
  private lines: string[] = [];
  private buf = '';
  private wake: (() => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private syncId = Math.floor(Math.random() * 1e9);

  constructor(private readonly path: string) {}

  /** Runs one command; rejects with GuestAgentError when no agent answers within `timeoutMs`. */
  command<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = 5000): Promise<T> {
    const run = this.chain.then(() => this.exchange<T>(command, args, timeoutMs));
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private async exchange<T>(command: string, args: Record<string, unknown> | undefined, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    try {
      await this.connect();
      const id = ++this.syncId;
      this.send({ execute: 'guest-sync', arguments: { id } });
      for (;;) {
        const reply = await this.next(deadline, command);
        if (reply.return === id) break;
      }
      this.send(args ? { execute: command, arguments: args } : { execute: command });
      if (NO_REPLY.has(command)) return undefined as T;
      const reply = await this.next(deadline, command);
      if (reply.error) {
        const err = reply.error as { class?: string; desc?: string };
        throw new GuestAgentError(`guest agent ${command}: ${err.class ?? 'Error'}: ${err.desc ?? ''}`);
      }
      return reply.return as T;
    } catch (e) {
      // A broken or silent channel starts afresh next time.
      if (!(e instanceof GuestAgentError && /: (GenericError|CommandNotFound)/.test(e.message))) this.close();
      throw e instanceof GuestAgentError ? e : new GuestAgentError(`guest agent ${command}: ${(e as Error).message}`);
    }
  }

  private connect(): Promise<void> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve();
    this.lines = [];
    this.buf = '';
    return new Promise((resolve, reject) => {
      const s = net.createConnection(this.path);
      s.setEncoding('utf8');
      s.once('error', reject);
      s.once('connect', () => {
        s.removeListener('error', reject);
        s.on('error', () => s.destroy());
        this.socket = s;
        resolve();
      });
      s.on('data', (chunk: string) => {
        this.buf += chunk;
        let i: number;
        while ((i = this.buf.indexOf('\n')) >= 0) {
          const line = this.buf.slice(0, i).replace(/^\xff/, '').trim();
          this.buf = this.buf.slice(i + 1);
          if (line) this.lines.push(line);
        }
        this.wake?.();
      });
      s.on('close', () => {
        if (this.socket === s) this.socket = undefined;
        this.wake?.();
      });
    });
  }

  private send(msg: unknown): void {
    this.socket?.write(`${JSON.stringify(msg)}\n`);
  }

  private async next(deadline: number, command: string): Promise<Record<string, unknown>> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // noise from a half-started agent
        }
      }
      if (!this.socket) throw new GuestAgentError(`guest agent ${command}: channel closed`);
      const left = deadline - Date.now();
      if (left <= 0) throw new GuestAgentError(`guest agent ${command}: no answer (is an agent running in the guest?)`);
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
