// One watch, for either backend: an ordered queue of events delivered asynchronously. Delivery
// never happens inside a write, so a callback that writes (or throws) cannot reorder events for
// other watchers or fail the writer, and the caller holds its Watcher before the first event arrives.
import type { WatchEvent, Watcher } from './store.ts';

const BATCH = 1000; // events per turn of the event loop, so a long replay does not starve I/O

export class Subscription implements Watcher {
  private queue: WatchEvent[] = [];
  private head = 0;
  private scheduled = false;
  private stopped = false;
  /** The revision of the last event queued; starts at the watch's afterRevision. */
  private last: number;

  constructor(
    readonly prefix: string,
    afterRevision: number,
    private readonly onEvent: (e: WatchEvent) => void,
    private readonly onError: ((err: Error) => void) | undefined,
    private readonly onStop: (s: Subscription) => void,
  ) {
    this.last = afterRevision;
  }

  /**
   * Queues `e` if it is under the prefix and newer than anything queued. Callers offer events in
   * revision order; the revision check also makes a watch from a future revision start there.
   */
  offer(e: WatchEvent): void {
    if (this.stopped || e.revision <= this.last || !e.key.startsWith(this.prefix)) return;
    this.last = e.revision;
    this.queue.push(e);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** The last revision queued (the watch's start until an event is): where a resumed watch goes on. */
  get lastRevision(): number {
    return this.last;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue = [];
    this.head = 0;
    this.onStop(this);
  }

  /** Stops the watch and reports why to onError, if there is one. */
  end(err: Error): void {
    if (this.stopped) return;
    this.stop();
    this.onError?.(err);
  }

  private drain(): void {
    this.scheduled = false;
    const end = Math.min(this.queue.length, this.head + BATCH);
    while (this.head < end && !this.stopped) {
      const e = this.queue[this.head++];
      try {
        this.onEvent(e);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        // A bug in the consumer: with nowhere to report it, let it surface as uncaught.
        if (!this.onError) {
          this.stop();
          throw error;
        }
        this.end(error);
        return;
      }
    }
    if (this.stopped) return;
    if (this.head < this.queue.length) {
      if (this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.scheduled = true;
      setImmediate(() => this.drain());
    } else {
      this.queue = [];
      this.head = 0;
    }
  }
}
