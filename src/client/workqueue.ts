// A deduplicating work queue with per-key retry back-off: a key is never processed by two
// workers at once, and a key added while being processed runs again afterwards.
export class WorkQueue {
  private queue: string[] = [];
  private queued = new Set<string>();
  private active = new Set<string>();
  private dirty = new Set<string>();
  private failures = new Map<string, number>();
  private waiters: (() => void)[] = [];
  private stopped = false;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly process: (key: string) => Promise<void>,
    private readonly name: string,
    private readonly workers = 4,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.waiters.shift()?.();
  }

  addAfter(key: string, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.add(key);
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  start(): void {
    for (let i = 0; i < this.workers; i++) void this.worker();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const w of this.waiters.splice(0)) w();
  }

  private async next(): Promise<string | undefined> {
    while (!this.stopped) {
      const k = this.queue.shift();
      if (k !== undefined) {
        this.queued.delete(k);
        return k;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
    return undefined;
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.next();
      if (key === undefined) return;
      this.active.add(key);
      try {
        await this.process(key);
        this.failures.delete(key);
      } catch (e) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        const delay = Math.min(5 * 2 ** n, 30_000);
        console.error(`${this.name}: ${key}: ${(e as Error).message} (retry in ${delay} ms)`);
        this.addAfter(key, delay);
      } finally {
        this.active.delete(key);
        if (this.dirty.delete(key)) this.add(key);
      }
    }
  }
}
