// Whether pre-copy is getting anywhere, judged at pass boundaries. Within a pass QEMU's
// `ram.remaining` always falls; at the next pass (`dirty-sync-count` + 1) it jumps back to what the
// guest dirtied meanwhile. A pass that does not leave clearly less than the best pass so far is a
// stalled pass: the guest dirties memory about as fast as the link carries it.
import type { MigrateSample } from './postcopy.ts';

/** A pass must leave at least 10% less than the best so far to count as progress. */
const SHRINK = 0.9;

export class PassStall {
  private passes = 0;
  private best = Infinity;
  private stalled = 0;

  /** Feeds one query-migrate answer; returns how many passes in a row have stalled. */
  observe(sample: MigrateSample): number {
    const passes = sample.ram?.['dirty-sync-count'] ?? 0;
    // QEMU syncs the dirty bitmap once at the start (count 1): from 2 on, a pass has ended.
    if (passes > this.passes && passes >= 2) {
      const left = sample.ram?.remaining ?? Infinity;
      if (left < this.best * SHRINK) {
        this.best = left;
        this.stalled = 0;
      } else {
        this.stalled++;
      }
    }
    this.passes = Math.max(this.passes, passes);
    return this.stalled;
  }
}
