// From two readings of a guest's counters to one sample of rates. Pure: the sampler reads, this
// divides. A counter that went down (QEMU or a tap restarted, a NIC reset in the guest) gives no
// rate for that interval rather than a negative or huge one.
import type { DiskCounters, MetricsSample } from './wire.ts';

export interface NetCounters {
  rxBytes: number;
  txBytes: number;
}

/** One reading of a guest's counters, as the sampler takes it. */
export interface Counters {
  atMs: number;
  /** QEMU's utime + stime, clock ticks. */
  cpuTicks: number;
  memoryBytes: number;
  rssBytes: number;
  /** undefined when QMP could not be asked. */
  disks: DiskCounters[] | undefined;
  /** undefined when no NIC could be measured. */
  net: NetCounters | undefined;
}

/** (cur - prev) / seconds, or null for a reset counter or an empty interval. */
export function rate(prev: number, cur: number, seconds: number): number | null {
  if (!(seconds > 0) || cur < prev) return null;
  return (cur - prev) / seconds;
}

function diskRate(prev: DiskCounters[] | undefined, cur: DiskCounters[] | undefined, field: keyof Omit<DiskCounters, 'name'>, seconds: number): number | null {
  if (!prev || !cur) return null;
  const before = new Map(prev.map((d) => [d.name, d[field]]));
  let sum = 0;
  let any = false;
  for (const d of cur) {
    const p = before.get(d.name);
    if (p === undefined) continue; // a disk hot-plugged meanwhile: rates from its next interval
    const r = rate(p, d[field], seconds);
    if (r === null) return null;
    sum += r;
    any = true;
  }
  return any ? sum : null;
}

export function sampleOf(prev: Counters, cur: Counters, clockTicksPerSecond: number): MetricsSample {
  const seconds = (cur.atMs - prev.atMs) / 1000;
  const cpu = rate(prev.cpuTicks, cur.cpuTicks, seconds);
  return {
    time: new Date(cur.atMs).toISOString(),
    cpuCores: cpu === null ? 0 : cpu / clockTicksPerSecond,
    memoryBytes: cur.memoryBytes,
    memoryRssBytes: cur.rssBytes,
    diskReadBytesPerSec: diskRate(prev.disks, cur.disks, 'readBytes', seconds),
    diskWriteBytesPerSec: diskRate(prev.disks, cur.disks, 'writeBytes', seconds),
    diskReadOpsPerSec: diskRate(prev.disks, cur.disks, 'readOps', seconds),
    diskWriteOpsPerSec: diskRate(prev.disks, cur.disks, 'writeOps', seconds),
    networkRxBytesPerSec: prev.net && cur.net ? rate(prev.net.rxBytes, cur.net.rxBytes, seconds) : null,
    networkTxBytesPerSec: prev.net && cur.net ? rate(prev.net.txBytes, cur.net.txBytes, seconds) : null,
    disks: cur.disks ?? [],
  };
}
