// A QMP client over QEMU's unix socket: newline-delimited JSON, one connection per client.
// Commands carry their own ids so replies match even when events interleave; async events are
// re-emitted as 'event' (every event) and under their own name ('SHUTDOWN', 'STOP', …).
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** QEMU answered a command with `{"error": {"class", "desc"}}`. */
export class QmpError extends Error {
  readonly errorClass: string;
  readonly desc: string;
  readonly command: string;
  constructor(errorClass: string, desc: string, command: string) {
    super(`QMP ${command}: ${errorClass}: ${desc}`);
    this.name = 'QmpError';
    this.errorClass = errorClass;
    this.desc = desc;
    this.command = command;
  }
}

/** The connection is gone (or never came up); pending commands reject with this. */
export class QmpClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QmpClosedError';
  }
}

export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
}

export interface QmpGreeting {
  QMP: { version: { qemu: { major: number; minor: number; micro: number }; package: string }; capabilities: string[] };
}

interface Pending {
  command: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type Message = { id?: number; return?: unknown; error?: { class: string; desc: string }; event?: string } & Record<string, unknown>;

export interface QmpConnectOptions {
  /** How long to keep retrying while the socket does not exist yet, and for the handshake. */
  timeoutMs?: number;
}

export class QmpClient extends EventEmitter {
  greeting!: QmpGreeting;
  private readonly socket: net.Socket;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer = '';
  private closedWith: Error | undefined;
  private onGreeting: ((g: QmpGreeting) => void) | undefined;

  private constructor(socket: net.Socket, private readonly path: string) {
    super();
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    // 'close' always follows 'error'; keep the reason for the message.
    let reason = '';
    socket.on('error', (err) => (reason = ` (${err.message})`));
    socket.on('close', () => this.shutdown(new QmpClosedError(`QMP connection to ${path} closed${reason}`)));
  }

  /** Connects (retrying while QEMU has not created the socket yet), reads the greeting, negotiates. */
  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    let lastErr: Error | undefined;
    while (Date.now() < deadline) {
      let socket: net.Socket;
      try {
        socket = await openSocket(path);
      } catch (e) {
        lastErr = e as Error;
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw new QmpClosedError(`QMP ${path}: ${lastErr.message}`);
        await sleep(20);
        continue;
      }
      const client = new QmpClient(socket, path);
      try {
        await withTimeout(client.handshake(), deadline - Date.now(), `QMP ${path}: no greeting within ${timeoutMs} ms`);
        return client;
      } catch (e) {
        socket.destroy();
        throw e;
      }
    }
    throw new QmpClosedError(`QMP ${path}: could not connect within ${timeoutMs} ms (${lastErr?.message ?? 'timeout'})`);
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Runs one command; resolves with its `return`, rejects with QmpError or QmpClosedError. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closedWith) return Promise.reject(new QmpClosedError(`${this.closedWith.message}; cannot run ${command}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
      const msg = args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      this.socket.write(`${JSON.stringify(msg)}\n`);
    });
  }

  /** Closes the connection (QEMU keeps running); resolves once the socket is closed. */
  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    const done = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end();
    this.socket.destroy();
    await done;
  }

  private async handshake(): Promise<void> {
    this.greeting = await new Promise<QmpGreeting>((resolve, reject) => {
      this.onGreeting = resolve;
      this.once('close', (err: Error) => reject(err));
    });
    await this.execute('qmp_capabilities');
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.onMessage(line);
    }
  }

  private onMessage(line: string): void {
    let msg: Message;
    try {
      msg = JSON.parse(line) as Message;
    } catch {
      this.shutdown(new QmpClosedError(`QMP ${this.path}: unparsable message ${line.slice(0, 200)}`));
      this.socket.destroy();
      return;
    }
    if ('QMP' in msg) {
      this.onGreeting?.(msg as unknown as QmpGreeting);
      this.onGreeting = undefined;
    } else if (typeof msg.event === 'string') {
      const ev = msg as unknown as QmpEvent;
      this.emit('event', ev);
      this.emit(ev.event, ev);
    } else if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new QmpError(msg.error.class, msg.error.desc, p.command));
      else p.resolve(msg.return);
    }
  }

  private shutdown(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      // QEMU may close the socket right after (or instead of) answering `quit`; that is success.
      if (p.command === 'quit') p.resolve({});
      else p.reject(new QmpClosedError(`${err.message} before ${p.command} was answered`));
    }
    this.emit('close', err);
  }
}

function openSocket(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(path);
    s.once('connect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QmpClosedError(message)), Math.max(ms, 0));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
