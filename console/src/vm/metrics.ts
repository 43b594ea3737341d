// The VM metrics the console shows: the VMI's `metrics` subresource answer (served by the node
// agent, src/node/metrics/wire.ts, which the console cannot import: it speaks only HTTP), the time
// ranges of the Metrics tab, chart series and the current values with their units. Pure.

export interface MetricsSample {
  time: string;
  cpuCores: number;
  memoryBytes: number;
  memoryRssBytes: number;
  diskReadBytesPerSec: number | null;
  diskWriteBytesPerSec: number | null;
  networkRxBytesPerSec: number | null;
  networkTxBytesPerSec: number | null;
}

export interface VmMetrics {
  intervalSeconds: number;
  networkSource: 'tap' | 'guest-agent' | 'tap+guest-agent' | 'none';
  samples: MetricsSample[];
  /** The node's latest reading failed: why. */
  error?: string;
}

/** The Metrics tab's time ranges (kubevirt-plugin offers more; the node keeps one hour). */
export const RANGES = [
  { id: '5m', seconds: 300 },
  { id: '1h', seconds: 3600 },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];
export const rangeSeconds = (id: RangeId): number => RANGES.find((r) => r.id === id)?.seconds ?? 300;

/** The Overview card's sparklines cover the last five minutes. */
export const CARD_SECONDS = 300;
/** How often the console asks again: the node samples every 10 s, and a subresource cannot be watched. */
export const POLL_MS = 10_000;

export function metricsPath(namespace: string, name: string, sinceSeconds: number): string {
  const e = encodeURIComponent;
  return `/apis/subresources.kubevirt.io/v1/namespaces/${e(namespace)}/virtualmachineinstances/${e(name)}/metrics?since=${sinceSeconds}`;
}

export type SeriesField = 'cpuCores' | 'memoryRssBytes' | 'diskReadBytesPerSec' | 'diskWriteBytesPerSec' | 'networkRxBytesPerSec' | 'networkTxBytesPerSec';

export interface Point {
  x: Date;
  y: number;
}

/** One field over time, the samples without a value for it left out. */
export function series(samples: MetricsSample[], field: SeriesField): Point[] {
  const out: Point[] = [];
  for (const s of samples) {
    const y = s[field];
    if (y !== null) out.push({ x: new Date(s.time), y });
  }
  return out;
}

/** Two fields added up over time (read + write, received + sent); a sample with neither is left out. */
export function summedSeries(samples: MetricsSample[], a: SeriesField, b: SeriesField): Point[] {
  const out: Point[] = [];
  for (const s of samples) {
    if (s[a] === null && s[b] === null) continue;
    out.push({ x: new Date(s.time), y: (s[a] ?? 0) + (s[b] ?? 0) });
  }
  return out;
}

export interface Current {
  cpuCores?: number;
  memoryRssBytes?: number;
  memoryBytes?: number;
  /** Read + write. */
  diskBytesPerSec?: number;
  /** Received + sent. */
  networkBytesPerSec?: number;
}

/** The newest sample's values; each undefined when nothing measured it. */
export function current(samples: MetricsSample[]): Current {
  const s = samples.at(-1);
  if (!s) return {};
  const sum = (a: number | null, b: number | null) => (a === null && b === null ? undefined : (a ?? 0) + (b ?? 0));
  return {
    cpuCores: s.cpuCores,
    memoryRssBytes: s.memoryRssBytes,
    memoryBytes: s.memoryBytes,
    diskBytesPerSec: sum(s.diskReadBytesPerSec, s.diskWriteBytesPerSec),
    networkBytesPerSec: sum(s.networkRxBytesPerSec, s.networkTxBytesPerSec),
  };
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB": binary units as Kubernetes quantities use, three significant digits. */
export function formatBytes(n: number): string {
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : Number(v.toPrecision(3))} ${UNITS[i]}`;
}

export const formatRate = (bytesPerSec: number): string => `${formatBytes(bytesPerSec)}/s`;

/** Cores with two decimals ("0.25"), more for tiny values so a busy-idle guest does not read 0. */
export function formatCores(cores: number): string {
  if (cores > 0 && cores < 0.01) return cores.toPrecision(1);
  return cores.toFixed(2);
}
