// Samples every running guest of this node every `intervalMs` (10 s by default) and keeps the
// last hour of samples per VMI in a ring, served by the endpoint's `metrics` read. A series
// belongs to one guest (uid): a VMI recreated under the same name starts afresh, and a guest that
// is gone takes its series with it. A failed read is kept and served as `error`, not dropped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { RunningGuest } from '../guest.ts';
import { readCounters, type Reading } from './read-counters.ts';
import { sampleOf, type Counters } from './rates.ts';
import { Ring, ringCapacity } from './ring.ts';
import type { MetricsResponse, MetricsSample, NetworkSource } from './wire.ts';

export const DEFAULT_INTERVAL_MS = 10_000;
const WINDOW_SECONDS = 3600;

interface Series {
  uid: string;
  ring: Ring<MetricsSample>;
  prev?: Counters;
  networkSource: NetworkSource;
  error?: string;
}

export interface SamplerOptions {
  nodeName: string;
  guests: () => RunningGuest[];
  /** The VMI of a guest (its NICs); from the agent's informer cache. */
  vmiFor: (key: string) => VirtualMachineInstance | undefined;
  intervalMs?: number;
  /** Test seam: the reader of one guest's counters. */
  read?: (guest: RunningGuest, vmi: VirtualMachineInstance | undefined) => Promise<Reading>;
}

export class MetricsSampler {
  readonly intervalMs: number;
  private readonly series = new Map<string, Series>();
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private clockTicks = 100;

  constructor(private readonly opts: SamplerOptions) {
    this.intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  }

  async start(): Promise<void> {
    this.clockTicks = await clockTicksPerSecond();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick(); // the first reading now, so the first rate comes one interval after start
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The VMI's samples of the last `sinceSeconds` (all kept when absent); none yet for a guest not sampled yet. */
  read(namespace: string, name: string, sinceSeconds?: number): MetricsResponse {
    const s = this.series.get(`${namespace}/${name}`) ?? { ring: new Ring<MetricsSample>(1), networkSource: 'none' as const, error: undefined };
    const from = sinceSeconds === undefined ? -Infinity : Date.now() - sinceSeconds * 1000;
    return {
      kind: 'VirtualMachineInstanceMetrics',
      apiVersion: 'subresources.kubevirt.io/v1',
      intervalSeconds: this.intervalMs / 1000,
      networkSource: s.networkSource,
      samples: s.ring.toArray().filter((x) => Date.parse(x.time) >= from),
      ...(s.error ? { error: s.error } : {}),
    };
  }

  /** Takes one reading of every live guest now (tests call it; the timer does otherwise). */
  tick(): Promise<void> {
    const live = this.opts.guests().filter((g) => !g.stopRequested);
    const keys = new Set(live.map((g) => g.key));
    for (const k of this.series.keys()) if (!keys.has(k)) this.series.delete(k);
    // A guest migrating out is left alone: a guest-agent command would make the source QEMU write
    // into guest memory (the agent channel's buffers) after post-copy has handed that memory over.
    const due = live.filter((g) => !this.busy.has(g.key) && !g.migratingOut);
    return Promise.all(due.map((g) => this.sample(g))).then(() => undefined);
  }

  private async sample(g: RunningGuest): Promise<void> {
    this.busy.add(g.key);
    try {
      let s = this.series.get(g.key);
      if (!s || s.uid !== g.uid) {
        s = { uid: g.uid, ring: new Ring(ringCapacity(WINDOW_SECONDS, this.intervalMs / 1000)), networkSource: 'none' };
        this.series.set(g.key, s);
      }
      const vmi = this.opts.vmiFor(g.key);
      const reading = await (this.opts.read ?? ((guest, v) => readCounters(guest, v, this.opts.nodeName)))(g, vmi);
      if (s.prev) s.ring.push(sampleOf(s.prev, reading.counters, this.clockTicks));
      s.prev = reading.counters;
      s.networkSource = reading.networkSource;
      s.error = undefined;
    } catch (e) {
      const s = this.series.get(g.key);
      const message = `reading the metrics of ${g.key} failed: ${(e as Error).message}`;
      if (s && s.error !== message) console.error(`node agent: ${message}`);
      if (s) s.error = message;
    } finally {
      this.busy.delete(g.key);
    }
  }
}

/** The kernel's USER_HZ, the unit of /proc's CPU times (100 nearly everywhere). */
async function clockTicksPerSecond(): Promise<number> {
  try {
    const { stdout } = await promisify(execFile)('getconf', ['CLK_TCK']);
    const n = Number(stdout.trim());
    if (n > 0) return n;
    throw new Error(`getconf CLK_TCK printed "${stdout.trim()}"`);
  } catch (e) {
    console.error(`node agent: cannot read CLK_TCK, assuming 100: ${(e as Error).message}`);
    return 100;
  }
}
