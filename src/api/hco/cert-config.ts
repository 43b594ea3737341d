// HCO's certificate rotation settings: defaults for missing values, and the rules of seed 004
// §6.13.3 (each value a Go duration of at least 10 minutes; renewBefore ≤ duration; the server
// certificate no longer-lived than the CA).
import type { FieldError } from '../../machinery/kind.ts';
import { tryParseGoDuration } from './go-duration.ts';

export interface CertRotateConfig {
  duration?: string;
  renewBefore?: string;
}
export interface CertConfig {
  ca?: CertRotateConfig;
  server?: CertRotateConfig;
}

export const CERT_CONFIG_DEFAULTS = {
  ca: { duration: '48h0m0s', renewBefore: '24h0m0s' },
  server: { duration: '24h0m0s', renewBefore: '12h0m0s' },
} as const;

const MIN_MS = 10 * 60_000;

/** Fills every removed value with HCO's default, in place. */
export function defaultCertConfig(cc: CertConfig): void {
  for (const which of ['ca', 'server'] as const) {
    const part = (cc[which] ??= {});
    part.duration ??= CERT_CONFIG_DEFAULTS[which].duration;
    part.renewBefore ??= CERT_CONFIG_DEFAULTS[which].renewBefore;
  }
}

/**
 * Every unparseable or too-small value is reported; then, if all four are usable, only the first
 * ordering conflict (in the seed's order and wording), as HCO's webhook does.
 */
export function validateCertConfig(given: CertConfig | undefined): FieldError[] {
  // Rules apply to the effective values, so a removed value is judged by its default.
  const cc: CertConfig = { ca: { ...given?.ca }, server: { ...given?.server } };
  defaultCertConfig(cc);
  const errs: FieldError[] = [];
  const ms: Record<string, number> = {};
  for (const which of ['ca', 'server'] as const) {
    for (const key of ['duration', 'renewBefore'] as const) {
      const raw = cc[which]?.[key] ?? '';
      const field = `spec.certConfig.${which}.${key}`;
      const v = tryParseGoDuration(raw);
      if (v === undefined) {
        errs.push({ field, message: `Invalid value: "${raw}": must be a golang ParseDuration string such as 48h0m0s, 1h30m or 90m`, reason: 'FieldValueInvalid' });
      } else if (v < MIN_MS) {
        errs.push({ field, message: `Invalid value: "${raw}": value is too small: must be at least 10m0s`, reason: 'FieldValueInvalid' });
      } else {
        ms[`${which}.${key}`] = v;
      }
    }
  }
  if (errs.length) return errs;
  const rules: [boolean, string][] = [
    [ms['ca.renewBefore'] > ms['ca.duration'], 'ca.duration is smaller than ca.renewBefore'],
    [ms['server.duration'] > ms['ca.duration'], 'ca.duration is smaller than server.duration'],
    [ms['server.renewBefore'] > ms['server.duration'], 'server.duration is smaller than server.renewBefore'],
  ];
  const first = rules.find(([broken]) => broken);
  return first ? [{ field: 'spec.certConfig', message: first[1], reason: 'FieldValueInvalid' }] : [];
}
