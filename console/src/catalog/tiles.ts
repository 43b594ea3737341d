// Which templates become tiles, in which order. "Default templates" shows one tile per OS and
// template namespace, as OpenShift does: the template labelled default-os-variant, else the
// variant closest to it (server before desktop before high performance; small, then medium, tiny,
// large) — so filtering by workload picks that workload's variant of each OS.
import type { Template } from '../api/types.ts';
import { displayName, isDefaultVariant, templateFlavor, templateOs, templateWorkload } from './template-meta.ts';

export type CatalogMode = 'default' | 'all';

const WORKLOAD_ORDER = ['server', 'desktop', 'highperformance'];
const FLAVOR_ORDER = ['small', 'medium', 'tiny', 'large'];

const rank = (order: string[], v: string | undefined): number => {
  const i = v === undefined ? -1 : order.indexOf(v);
  return i < 0 ? order.length : i;
};

/** Lower is a better representative of its OS. */
function variantRank(t: Template): number[] {
  return [isDefaultVariant(t) ? 0 : 1, rank(WORKLOAD_ORDER, templateWorkload(t)), rank(FLAVOR_ORDER, templateFlavor(t))];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const isBetter = (a: Template, b: Template): boolean => (compareRanks(variantRank(a), variantRank(b)) || a.metadata.name.localeCompare(b.metadata.name)) < 0;

/** OpenShift's order: RHEL first, then by display name; the template name breaks ties. */
export function sortTemplates(ts: readonly Template[]): Template[] {
  const rhel = (t: Template) => (templateOs(t).startsWith('rhel') ? 0 : 1);
  return [...ts].sort((a, b) => rhel(a) - rhel(b) || displayName(a).localeCompare(displayName(b)) || a.metadata.name.localeCompare(b.metadata.name));
}

/** One template per namespace and OS (templates without an OS label stand alone). */
export function groupTiles(ts: readonly Template[]): Template[] {
  const best = new Map<string, Template>();
  for (const t of ts) {
    const os = templateOs(t);
    const k = os ? `${t.metadata.namespace ?? ''}/${os}` : `${t.metadata.namespace ?? ''}//${t.metadata.name}`;
    const cur = best.get(k);
    if (!cur || isBetter(t, cur)) best.set(k, t);
  }
  return [...best.values()];
}

export function catalogTiles(ts: readonly Template[], mode: CatalogMode): Template[] {
  return sortTemplates(mode === 'default' ? groupTiles(ts) : ts);
}
