// Which MigrationPolicy applies to a VMI, and what it changes — as KubeVirt's matchPolicy does it.
// A policy matches when every label of its virtualMachineInstanceSelector is on the VMI and every
// label of its namespaceSelector is on the VMI's namespace (a policy without selectors matches
// nothing; empty selectors match every VMI). The most specific match wins: the most matching labels
// in all, then the most VMI labels, then the first name in lexical order. Its set fields override
// the cluster-wide configuration; fields it leaves out keep the HyperConverged's values.
// One deliberate difference: KubeVirt skips a selector when the VMI has no labels at all (a nil
// map), so an unlabelled VMI matches every policy; here a missing label is a missing label.
import type { MigrationPolicy } from '../../api/migrations/index.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import type { MigrationConfig } from './config.ts';

type Labels = Record<string, string> | undefined;

interface Score {
  vmi: number;
  ns: number;
}

/** How many selector labels match, or undefined when one of them does not. */
function score(p: MigrationPolicy, vmiLabels: Labels, nsLabels: Labels): Score | undefined {
  const sel = p.spec?.selectors;
  if (!sel) return undefined;
  const count = (want: Labels, have: Labels): number | undefined => {
    const entries = Object.entries(want ?? {});
    return entries.every(([k, v]) => have?.[k] === v) ? entries.length : undefined;
  };
  const vmi = count(sel.virtualMachineInstanceSelector, vmiLabels);
  const ns = count(sel.namespaceSelector, nsLabels);
  return vmi === undefined || ns === undefined ? undefined : { vmi, ns };
}

/** Negative when `a` is the better match. */
function compare(a: { p: MigrationPolicy; s: Score }, b: { p: MigrationPolicy; s: Score }): number {
  const total = b.s.vmi + b.s.ns - (a.s.vmi + a.s.ns);
  if (total !== 0) return total;
  if (a.s.vmi !== b.s.vmi) return b.s.vmi - a.s.vmi;
  const an = a.p.metadata.name ?? '';
  const bn = b.p.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** The policy that applies to a VMI with these labels in a namespace with these labels, if any. */
export function matchPolicy(policies: readonly MigrationPolicy[], vmiLabels: Labels, nsLabels: Labels): MigrationPolicy | undefined {
  let best: { p: MigrationPolicy; s: Score } | undefined;
  for (const p of policies) {
    const s = score(p, vmiLabels, nsLabels);
    if (s && (!best || compare({ p, s }, best) < 0)) best = { p, s };
  }
  return best?.p;
}

/** The cluster configuration with the policy's set fields over it. */
export function applyPolicy(cfg: MigrationConfig, policy: MigrationPolicy | undefined): MigrationConfig {
  const spec = policy?.spec;
  if (!spec) return { ...cfg };
  const out = { ...cfg };
  if (spec.allowAutoConverge !== undefined) out.allowAutoConverge = spec.allowAutoConverge;
  if (spec.allowPostCopy !== undefined) out.allowPostCopy = spec.allowPostCopy;
  if (spec.allowWorkloadDisruption !== undefined) out.allowWorkloadDisruption = spec.allowWorkloadDisruption;
  if (spec.completionTimeoutPerGiB !== undefined) out.completionTimeoutPerGiB = spec.completionTimeoutPerGiB;
  // Admission checked the quantity; 0 is unlimited, as in the HyperConverged.
  if (spec.bandwidthPerMigration !== undefined) out.bandwidthPerMigration = Math.max(0, Math.floor(parseQuantity(spec.bandwidthPerMigration)));
  return out;
}
