// One Store watch on etcd: a gRPC watch stream of its own, asking for history from the
// subscription's last revision + 1 with previous values. When the stream breaks (etcd restarted,
// leader lost) it is opened again from the last revision delivered, as etcd's own clients do, so
// consumers see no gap and no duplicate; after `retryForMs` of failures the watch ends with the
// last error.
import type { Etcd3, IDuplexStream, IWatchRequest, IWatchResponse } from 'etcd3';
import { StoreError } from '../store.ts';
import type { Subscription } from '../subscription.ts';
import { toWatchEvent } from './events.ts';
import type { KeySpace } from './keys.ts';

export interface WatchContext {
  client: Etcd3;
  keys: KeySpace;
  /** Records a compaction mark etcd reported. */
  learnMark(revision: number): void;
  /** How long a broken watch keeps trying to reconnect before it fails. */
  retryForMs: number;
  /** How long the first stream may take to be created. */
  createTimeoutMs: number;
}

type Stream = IDuplexStream<IWatchRequest, IWatchResponse>;

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 2000;

export class EtcdWatch {
  private stream: Stream | undefined;
  private closed = false;
  private established = false;
  private failingSince: number | undefined;
  private backoffMs = BACKOFF_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private createTimer: NodeJS.Timeout | undefined;
  private pending: { resolve: () => void; reject: (err: Error) => void } | undefined;

  constructor(
    private readonly sub: Subscription,
    private readonly prefix: string,
    private readonly ctx: WatchContext,
  ) {}

  /** Opens the stream; resolves once etcd has created the watch, rejects when it cannot. */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.createTimer = setTimeout(() => this.fail(new Error(`etcd did not create the watch within ${this.ctx.createTimeoutMs} ms`)), this.ctx.createTimeoutMs);
      this.pending = { resolve, reject };
      this.open();
    });
  }

  /** Ends the stream (the subscription is stopped by its owner); a start() still waiting rejects. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.createTimer);
    this.drop();
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(new Error(`watch on ${this.prefix} stopped before etcd created it`));
  }

  private open(): void {
    if (this.closed) return;
    const range = this.ctx.keys.range(this.prefix);
    const request: IWatchRequest = { create_request: { ...range, start_revision: this.sub.lastRevision + 1, prev_kv: true } };
    this.ctx.client.watchClient.watch().then(
      (stream) => {
        if (this.closed) {
          this.stream = stream;
          return this.drop();
        }
        this.stream = stream;
        stream.on('data', (res) => this.stream === stream && this.handle(res));
        stream.on('error', (err) => this.stream === stream && this.lost(err));
        stream.on('end', () => this.stream === stream && this.lost(new Error('etcd ended the watch stream')));
        stream.write(request);
      },
      (err: Error) => this.lost(err),
    );
  }

  private handle(res: IWatchResponse): void {
    if (res.canceled) {
      const mark = Number(res.compact_revision);
      if (mark > 0) {
        this.ctx.learnMark(mark);
        this.fail(new StoreError('Compacted', `revision ${this.sub.lastRevision} is compacted (mark ${mark})`, mark));
      } else {
        this.fail(new Error(`etcd canceled the watch: ${res.cancel_reason || 'no reason given'}`));
      }
      return;
    }
    if (res.created) {
      this.established = true;
      this.failingSince = undefined;
      this.backoffMs = BACKOFF_MIN_MS;
      clearTimeout(this.createTimer);
      this.pending?.resolve();
      this.pending = undefined;
    }
    for (const ev of res.events) {
      const e = toWatchEvent(ev, this.ctx.keys);
      if (!e) {
        this.fail(new StoreError('Compacted', `the history of ${this.prefix} at revision ${ev.kv.mod_revision} was compacted while being replayed`));
        return;
      }
      this.sub.offer(e);
    }
  }

  /** The stream broke: open it again after a back-off, or give up. */
  private lost(err: Error): void {
    if (this.closed) return;
    this.drop();
    if (!this.established) {
      this.fail(new Error(`etcd watch on ${this.prefix}: ${err.message}`, { cause: err }));
      return;
    }
    this.failingSince ??= Date.now();
    if (Date.now() - this.failingSince >= this.ctx.retryForMs) {
      this.fail(new Error(`etcd watch on ${this.prefix} lost for ${this.ctx.retryForMs} ms: ${err.message}`, { cause: err }));
      return;
    }
    this.retryTimer = setTimeout(() => this.open(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
  }

  /** Ends the watch: start() rejects if it has not resolved, else the subscription reports `err`. */
  private fail(err: Error): void {
    if (this.closed) return;
    if (this.pending) {
      const { reject } = this.pending;
      this.pending = undefined;
      this.sub.stop(); // closes this watch through the store's onStop
      reject(err);
    } else {
      this.sub.end(err);
    }
    this.close();
  }

  private drop(): void {
    const s = this.stream;
    this.stream = undefined;
    if (!s) return;
    // end() first: etcd3 resets all of a host's connections when a watch stream that is still
    // writable errors (its markFailed); our own cancel() must not count as a host failure.
    s.end();
    s.cancel();
  }
}
