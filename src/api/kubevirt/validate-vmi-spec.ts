// All admission rules of a VirtualMachineInstanceSpec, written once: `at` is where the spec sits
// (`spec` in a VMI, `spec.template.spec` in a VM), so every error names the full field path.
import type { FieldError } from '../../machinery/kind.ts';
import { invalid } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import { validateDnsLabel, validateDnsSubdomainName } from '../common/names.ts';
import { EVICTION_STRATEGIES, START_STRATEGIES } from './enums.ts';
import { validateAccessCredentials } from './validate-access-credentials.ts';
import { validateBootOrder } from './validate-boot-order.ts';
import { validateDomain, type DomainRuleOptions } from './validate-domain.ts';
import { checkEnum } from './validate-enum.ts';
import { validateNetworks } from './validate-network.ts';
import { validateStorage } from './validate-storage.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

export function validateVmiSpec(spec: VirtualMachineInstanceSpec, at: string, opts: DomainRuleOptions = {}): FieldError[] {
  return [
    ...validateDomain(spec, at, opts),
    ...validateStorage(spec, at),
    ...validateNetworks(spec, at),
    ...validateBootOrder(spec, at),
    ...validateScheduling(spec, at),
    ...validateAccessCredentials(spec, at),
  ];
}

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function validateScheduling(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const errs: FieldError[] = [
    ...checkEnum(fieldPath(at, 'evictionStrategy'), spec.evictionStrategy, EVICTION_STRATEGIES),
    ...checkEnum(fieldPath(at, 'startStrategy'), spec.startStrategy, START_STRATEGIES),
  ];
  if (spec.hostname !== undefined) {
    const f = fieldPath(at, 'hostname');
    errs.push(...validateDnsLabel(spec.hostname).map((m) => invalid(f, `${f}: ${m}`)));
  }
  if (spec.subdomain !== undefined) {
    const f = fieldPath(at, 'subdomain');
    errs.push(...validateDnsSubdomainName(spec.subdomain).map((m) => invalid(f, `${f}: ${m}`)));
  }
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    const f = fieldPath(at, 'terminationGracePeriodSeconds');
    errs.push(invalid(f, `${f}: must not be negative`));
  }

  const aff = spec.affinity;
  const node = fieldPath(at, 'affinity.nodeAffinity');
  (aff?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).forEach((term, i) => {
    const t = indexPath(fieldPath(node, 'requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms'), i);
    errs.push(...operators(term.matchExpressions, fieldPath(t, 'matchExpressions'), NODE_OPERATORS));
    errs.push(...operators(term.matchFields, fieldPath(t, 'matchFields'), NODE_OPERATORS));
  });
  (aff?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((pref, i) => {
    const t = indexPath(fieldPath(node, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    errs.push(...weight(pref.weight, fieldPath(t, 'weight')));
    errs.push(...operators(pref.preference.matchExpressions, fieldPath(t, 'preference.matchExpressions'), NODE_OPERATORS));
    errs.push(...operators(pref.preference.matchFields, fieldPath(t, 'preference.matchFields'), NODE_OPERATORS));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const base = fieldPath(at, 'affinity', kind);
    (aff?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      const t = indexPath(fieldPath(base, 'requiredDuringSchedulingIgnoredDuringExecution'), i);
      errs.push(...operators(term.labelSelector?.matchExpressions, fieldPath(t, 'labelSelector.matchExpressions'), LABEL_OPERATORS));
    });
    (aff?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
      const t = indexPath(fieldPath(base, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      errs.push(...weight(w.weight, fieldPath(t, 'weight')));
      const sel = w.podAffinityTerm.labelSelector?.matchExpressions;
      errs.push(...operators(sel, fieldPath(t, 'podAffinityTerm.labelSelector.matchExpressions'), LABEL_OPERATORS));
    });
  }
  (spec.tolerations ?? []).forEach((tol, i) => {
    const t = indexPath(fieldPath(at, 'tolerations'), i);
    errs.push(...checkEnum(fieldPath(t, 'operator'), tol.operator, ['Exists', 'Equal']));
    errs.push(...checkEnum(fieldPath(t, 'effect'), tol.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']));
    if (tol.operator === 'Exists' && tol.value) {
      errs.push(invalid(fieldPath(t, 'value'), `${fieldPath(t, 'value')}: must be empty when operator is "Exists"`));
    }
  });
  return errs;
}

function operators(exprs: { operator: string; values?: string[] }[] | undefined, list: string, allowed: string[]): FieldError[] {
  const errs: FieldError[] = [];
  (exprs ?? []).forEach((e, i) => {
    const p = indexPath(list, i);
    errs.push(...checkEnum(fieldPath(p, 'operator'), e.operator, allowed));
    const n = e.values?.length ?? 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) {
      errs.push(invalid(fieldPath(p, 'values'), `${fieldPath(p, 'values')}: must be non-empty when operator is "${e.operator}"`));
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) {
      errs.push(invalid(fieldPath(p, 'values'), `${fieldPath(p, 'values')}: must be empty when operator is "${e.operator}"`));
    }
    if ((e.operator === 'Gt' || e.operator === 'Lt') && (n !== 1 || !/^-?\d+$/.test(e.values?.[0] ?? ''))) {
      errs.push(invalid(fieldPath(p, 'values'), `${fieldPath(p, 'values')}: must be a single integer when operator is "${e.operator}"`));
    }
  });
  return errs;
}

function weight(w: number, field: string): FieldError[] {
  return w >= 1 && w <= 100 ? [] : [invalid(field, `${field}: must be between 1 and 100 (got ${w})`)];
}
