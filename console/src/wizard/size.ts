// Quantities as the wizard shows them: a number and a binary unit (`1.5Gi` → 1.5 GiB), and back.
import type { Size, SizeUnit } from './state.ts';

const BINARY: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** Bytes of a Kubernetes quantity, or undefined when it is not one. */
export function bytesOf(q: string): number | undefined {
  const m = q.trim().match(/^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
}

/** `q` in the largest of `units` that keeps the number readable (whole, or with up to 2 decimals). */
export function sizeOf(q: string | undefined, units: readonly SizeUnit[], fallback: Size): Size {
  const direct = q?.trim().match(/^([0-9]+(?:\.[0-9]+)?)(Mi|Gi|Ti)$/);
  if (direct && units.includes(direct[2] as SizeUnit)) return { value: direct[1]!, unit: direct[2] as SizeUnit };
  const bytes = q === undefined ? undefined : bytesOf(q);
  if (bytes === undefined || bytes <= 0) return fallback;
  for (const unit of [...units].reverse()) {
    const v = bytes / BINARY[unit]!;
    if (v >= 1 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9) return { value: String(Math.round(v * 100) / 100), unit };
  }
  const smallest = units[0]!;
  return { value: String(Math.ceil(bytes / BINARY[smallest]!)), unit: smallest };
}

/** `128Mi` → `128 MiB`, as the console writes sizes. */
export const readable = (s: Size): string => `${s.value.trim()} ${s.unit}B`;
