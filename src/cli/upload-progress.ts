// The image-upload progress line, worded like virtctl's (cheggaaa/pb "Full"):
//   12.00 MiB / 64.00 MiB [=========>---------------------------] 18.75% 3.20 MiB p/s 13s
// Pure formatting, drawn by cli-progress (a TTY redraws the line; a pipe gets a line a second).
import { SingleBar, type Params } from 'cli-progress';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Binary units with two decimals ("5.42 GiB"); plain bytes below 1 KiB. */
export function formatBytes(n: number): string {
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(2)} ${UNITS[u]}`;
}

/** Go's duration style, rounded to seconds: "45s", "2m5s", "1h0m58s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return `${h}h${m}m${s % 60}s`;
  if (m) return `${m}m${s % 60}s`;
  return `${s}s`;
}

/** `[====>----]` of `width` cells. */
export function formatBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const done = Math.floor(f * width);
  if (done >= width) return `[${'='.repeat(width)}]`;
  return `[${'='.repeat(done)}>${'-'.repeat(width - done - 1)}]`;
}

/** The whole line for `value` of `total` bytes after `elapsedMs`. */
export function formatLine(value: number, total: number, elapsedMs: number, width = 40): string {
  const fraction = total > 0 ? value / total : 1;
  const rate = elapsedMs > 0 ? (value * 1000) / elapsedMs : 0;
  const pct = `${(Math.min(1, fraction) * 100).toFixed(2)}%`;
  return `${formatBytes(value)} / ${formatBytes(total)} ${formatBar(fraction, width)} ${pct} ${formatBytes(rate)} p/s ${formatDuration(elapsedMs)}`;
}

/** A cli-progress bar drawing formatLine on `stream`. */
export function uploadBar(stream: NodeJS.WritableStream): SingleBar {
  return new SingleBar({
    stream,
    format: (_opts, p: Params) => formatLine(p.value, p.total, (p.stopTime ?? Date.now()) - p.startTime),
    hideCursor: false,
    noTTYOutput: true,
    notTTYSchedule: 1000,
    fps: 5,
  });
}
