// The recent-events window: watches resuming from a recent revision (clients re-watch every 30 s)
// are answered from memory instead of the log table.
import type { WatchEvent } from '../store.ts';

export class EventWindow {
  private events: WatchEvent[] = [];
  private head = 0;
  private chars = 0;

  /**
   * @param floor every event with a revision above this is held (initially the store's revision:
   *   the window starts empty and complete from there on).
   */
  constructor(
    private floor: number,
    private readonly maxEvents: number,
    private readonly maxChars: number,
  ) {}

  /** Appends the event of the latest commit. */
  push(e: WatchEvent): void {
    this.events.push(e);
    this.chars += size(e);
    while (this.events.length - this.head > this.maxEvents || (this.chars > this.maxChars && this.head < this.events.length)) {
      this.dropOldest();
    }
  }

  /**
   * Events with revision > `after` whose key starts with `prefix`, in revision order; undefined
   * when the window does not reach back that far (the caller reads the log instead).
   */
  since(after: number, prefix: string): WatchEvent[] | undefined {
    if (after < this.floor) return undefined;
    const out: WatchEvent[] = [];
    for (let i = this.firstAbove(after); i < this.events.length; i++) {
      const e = this.events[i];
      if (e.key.startsWith(prefix)) out.push(e);
    }
    return out;
  }

  /** Forgets events at and below a compaction mark. */
  dropThrough(revision: number): void {
    while (this.head < this.events.length && this.events[this.head].revision <= revision) this.dropOldest();
    this.floor = Math.max(this.floor, revision);
  }

  get size(): number {
    return this.events.length - this.head;
  }

  private dropOldest(): void {
    const e = this.events[this.head++];
    this.chars -= size(e);
    this.floor = e.revision;
    // Reclaim the dropped prefix now and then rather than shifting on every drop.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  private firstAbove(after: number): number {
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].revision <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function size(e: WatchEvent): number {
  // A delete's value and prevValue are the same string; count it once.
  const prev = e.prevValue !== undefined && e.prevValue !== e.value ? e.prevValue.length : 0;
  return e.key.length + e.value.length + prev;
}
