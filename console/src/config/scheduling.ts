// The Scheduling sub-tab: node selector, tolerations, eviction strategy (edits), affinity rules
// and dedicated resources (shown), read from the VM, and the patches of the edits.
import type { Message } from '../catalog/message.ts';
import { setOps, type PatchOp } from './json-patch.ts';
import { keyProblems, labelValueProblems, mapOf, mapOps, type KeyValueRow } from './labels.ts';
import { SPEC, templateSpecOf, type ConfigVm, type Toleration } from './vm-view.ts';

export const EVICTION_STRATEGIES = ['None', 'LiveMigrate', 'LiveMigrateIfPossible', 'External'] as const;
export type Eviction = '' | (typeof EVICTION_STRATEGIES)[number];

export const TOLERATION_OPERATORS = ['Equal', 'Exists'] as const;
export const TAINT_EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export interface TolerationRow {
  key: string;
  operator: (typeof TOLERATION_OPERATORS)[number];
  value: string;
  effect: (typeof TAINT_EFFECTS)[number];
}

export function nodeSelectorOps(vm: ConfigVm, rows: readonly KeyValueRow[]): PatchOp[] {
  return mapOps(vm, [...SPEC, 'nodeSelector'], templateSpecOf(vm).nodeSelector, mapOf(rows));
}

export const evictionOf = (vm: ConfigVm): Eviction => EVICTION_STRATEGIES.find((s) => s === templateSpecOf(vm).evictionStrategy) ?? '';

/** '' leaves the cluster's default (the HyperConverged's evictionStrategy). */
export const evictionOps = (vm: ConfigVm, s: Eviction): PatchOp[] => setOps(vm, [...SPEC, 'evictionStrategy'], s || undefined);

export function tolerationRows(vm: ConfigVm): TolerationRow[] {
  return (templateSpecOf(vm).tolerations ?? []).map((t) => ({
    key: t.key ?? '',
    operator: t.operator === 'Exists' ? 'Exists' : 'Equal',
    value: t.value ?? '',
    effect: TAINT_EFFECTS.find((e) => e === t.effect) ?? '',
  }));
}

/** Kubernetes' toleration rules: a qualified key (empty only with Exists), no value with Exists. */
export function tolerationProblems(r: TolerationRow): { key: Message[]; value: Message[] } {
  const key = r.key === '' && r.operator === 'Exists' ? [] : keyProblems(r.key);
  const value = r.operator === 'Exists' ? (r.value === '' ? [] : [{ key: 'config.existsNoValue' } as Message]) : labelValueProblems(r.value);
  return { key, value };
}

/** The tolerations replace the list whole: a toleration has no name to patch it by. */
export function tolerationsOps(vm: ConfigVm, rows: readonly TolerationRow[]): PatchOp[] {
  const list: Toleration[] = rows.map((r) => ({
    ...(r.key ? { key: r.key } : {}),
    operator: r.operator,
    ...(r.operator === 'Equal' ? { value: r.value } : {}),
    ...(r.effect ? { effect: r.effect } : {}),
  }));
  return setOps(vm, [...SPEC, 'tolerations'], list.length > 0 ? list : undefined);
}

/** Counts of the affinity rules by kind, as the OpenShift console sums them up. */
export function affinityRuleCount(vm: ConfigVm): number {
  const a = templateSpecOf(vm).affinity ?? {};
  let n = 0;
  for (const kind of Object.values(a)) {
    if (typeof kind !== 'object' || kind === null) continue;
    for (const [k, v] of Object.entries(kind as Record<string, unknown>)) {
      if (k === 'requiredDuringSchedulingIgnoredDuringExecution' && v && typeof v === 'object' && !Array.isArray(v)) {
        n += ((v as { nodeSelectorTerms?: unknown[] }).nodeSelectorTerms ?? []).length;
      } else if (Array.isArray(v)) n += v.length;
    }
  }
  return n;
}

/** Dedicated resources: pinned CPUs (and an isolated emulator thread) when the VM asks for them. */
export function dedicatedOf(vm: ConfigVm): { dedicated: boolean; isolateEmulatorThread: boolean } {
  const c = templateSpecOf(vm).domain?.cpu;
  return { dedicated: c?.dedicatedCpuPlacement === true, isolateEmulatorThread: c?.isolateEmulatorThread === true };
}
