// The catalog's filters, as OpenShift's template catalog offers them: a keyword, operating system
// groups, workloads, "Boot source available" and "Hide deprecated templates".
import type { Template } from '../api/types.ts';
import { displayName, isDeprecated, templateOs, templateWorkload, type Workload } from './template-meta.ts';

/** OpenShift's OS filter groups; every other OS (Ubuntu, Debian, Vireo's tiny Linux) is "Other". */
export type OsGroup = 'rhel' | 'fedora' | 'centos' | 'windows' | 'other';
export const OS_GROUPS: readonly OsGroup[] = ['rhel', 'fedora', 'centos', 'windows', 'other'];

export function osGroup(os: string): OsGroup {
  if (os.startsWith('rhel')) return 'rhel';
  if (os.startsWith('fedora')) return 'fedora';
  if (os.startsWith('centos')) return 'centos';
  if (os.startsWith('win')) return 'windows';
  return 'other';
}

export interface CatalogFilters {
  query: string;
  osGroups: ReadonlySet<OsGroup>;
  workloads: ReadonlySet<Workload>;
  onlyAvailable: boolean;
  hideDeprecated: boolean;
}

export const NO_FILTERS: CatalogFilters = { query: '', osGroups: new Set(), workloads: new Set(), onlyAvailable: false, hideDeprecated: false };

/** A copy of `set` with `value` added, or removed when it was there (a checkbox click). */
export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

/** The templates every filter lets through; an empty group (no box ticked) lets all through. */
export function filterTemplates(templates: readonly Template[], f: CatalogFilters, isAvailable: (t: Template) => boolean): Template[] {
  const q = f.query.trim().toLowerCase();
  return templates.filter((t) => {
    if (q && !displayName(t).toLowerCase().includes(q) && !t.metadata.name.toLowerCase().includes(q)) return false;
    if (f.osGroups.size > 0 && !f.osGroups.has(osGroup(templateOs(t)))) return false;
    const w = templateWorkload(t);
    if (f.workloads.size > 0 && !(w && f.workloads.has(w))) return false;
    if (f.hideDeprecated && isDeprecated(t)) return false;
    return !f.onlyAvailable || isAvailable(t);
  });
}
