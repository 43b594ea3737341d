// Small readers shared by computed printer columns: kubectl prints "<none>" for empty cells of
// several kinds and "<unset>" for unset optional fields, and the objects arrive untyped.

export const NONE = '<none>';
export const UNSET = '<unset>';

/** obj.a.b.c, or undefined when any step is missing or not an object. */
export function dig(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
