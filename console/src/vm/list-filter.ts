// The VM list's toolbar logic: search by name, filters by status, OS, node and label (values of one
// filter are alternatives, different filters all apply, as in the OpenShift console), and paging.
import type { VmRow } from './rows.ts';

export interface ListFilter {
  /** A substring of the name, any case. */
  name: string;
  statuses: string[];
  oses: string[];
  nodes: string[];
  /** `key=value` or a bare `key` (the label exists). */
  labels: string[];
}

export const NO_FILTER: ListFilter = { name: '', statuses: [], oses: [], nodes: [], labels: [] };

export function isFiltered(f: ListFilter): boolean {
  return f.name.trim() !== '' || f.statuses.length + f.oses.length + f.nodes.length + f.labels.length > 0;
}

function hasLabel(row: VmRow, selector: string): boolean {
  const eq = selector.indexOf('=');
  if (eq < 0) return selector in row.labels;
  return row.labels[selector.slice(0, eq).trim()] === selector.slice(eq + 1).trim();
}

export function filterRows(rows: readonly VmRow[], f: ListFilter): VmRow[] {
  const name = f.name.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!name || r.name.toLowerCase().includes(name)) &&
      (f.statuses.length === 0 || f.statuses.includes(r.status)) &&
      (f.oses.length === 0 || f.oses.includes(r.os)) &&
      (f.nodes.length === 0 || f.nodes.includes(r.node)) &&
      f.labels.every((l) => hasLabel(r, l)),
  );
}

/** The values a filter can offer, from the rows themselves (sorted, no empty value). */
export function choices(rows: readonly VmRow[], pick: (r: VmRow) => string): string[] {
  return [...new Set(rows.map(pick).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

/** A label filter as typed: `key=value` or `key`, with a label key's shape; undefined when it is not one. */
export function parseLabelFilter(text: string): string | undefined {
  const t = text.trim();
  const m = t.match(/^([A-Za-z0-9][-A-Za-z0-9_./]*)(?:=([-A-Za-z0-9_.]*))?$/);
  return m ? (m[2] === undefined ? m[1] : `${m[1]}=${m[2]}`) : undefined;
}

/** kubevirt-plugin's page sizes; the first is the default. */
export const PER_PAGE_OPTIONS = [15, 50, 100, 200] as const;

/** Page `page` (from 1) of `perPage` rows; a page past the end shows the last one. */
export function pageOf<T>(rows: readonly T[], page: number, perPage: number): { items: T[]; page: number } {
  const last = Math.max(1, Math.ceil(rows.length / perPage));
  const p = Math.min(Math.max(1, page), last);
  return { items: rows.slice((p - 1) * perPage, p * perPage), page: p };
}
