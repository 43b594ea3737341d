// Periodic compaction: keeps about five minutes of history for watches to resume from, like the
// Kubernetes apiserver's etcd compaction.
import type { Store } from '../store/store.ts';

const INTERVAL_MS = 60_000;
const KEEP_MS = 5 * 60_000;

export class Compactor {
  private samples: { at: number; rev: number }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: Store) {}

  start(): void {
    const tick = async () => {
      try {
        const now = Date.now();
        this.samples.push({ at: now, rev: await this.store.revision() });
        const old = this.samples.filter((s) => now - s.at >= KEEP_MS);
        if (old.length > 0) {
          const target = old[old.length - 1].rev;
          this.samples = this.samples.filter((s) => now - s.at < KEEP_MS);
          if (target > (await this.store.compactedRevision())) await this.store.compact(target);
        }
      } catch (e) {
        console.error('compactor: compaction failed', e);
      }
      this.timer = setTimeout(tick, INTERVAL_MS);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
