// virtctl's multi-parameter flag syntax, shared by the `vireo create …` commands:
// `--volume-import type:ds,src:ns/name,size:1Gi` is a list of key:value pairs split at commas, each
// at its first colon (so URLs keep theirs); `[prefix/]name` for kinds and namespaces. Errors read
// as virtctl's: `failed to parse "--flag" flag: …`.
import { parseQuantity } from '../api/common/quantity.ts';

export function flagError(flag: string, message: string): Error {
  return new Error(`failed to parse "--${flag}" flag: ${message}`);
}

/** `k1:v1,k2:v2` → map; every key must be one of `allowed`. */
export function splitParams(flag: string, text: string, allowed: readonly string[]): Map<string, string> {
  if (text === '') throw flagError(flag, 'params may not be empty');
  const out = new Map<string, string>();
  for (const param of text.split(',')) {
    const i = param.indexOf(':');
    if (i < 0) throw flagError(flag, `params need to have at least one colon: ${param}`);
    out.set(param.slice(0, i), param.slice(i + 1));
  }
  const unknown = [...out].filter(([k]) => !allowed.includes(k)).map(([k, v]) => `${k}:${v}`);
  if (unknown.length > 0) throw flagError(flag, `unknown param(s): ${unknown.join(',')} (supported: ${allowed.join(', ')})`);
  return out;
}

/** `prefix/name` or `name`; the prefix is '' when absent. */
export function splitPrefixedName(flag: string, text: string): { prefix: string; name: string } {
  const parts = text.split('/');
  if (parts.length > 2) throw flagError(flag, `invalid count ${parts.length - 1} of slashes in prefix/name`);
  const name = parts.at(-1) ?? '';
  if (name === '') throw flagError(flag, 'name cannot be empty');
  return { prefix: parts.length === 2 ? parts[0] : '', name };
}

/** A Kubernetes quantity as given, after checking it parses. */
export function quantityParam(flag: string, what: string, text: string): string {
  try {
    parseQuantity(text);
  } catch (e) {
    throw flagError(flag, `failed to parse param "${what}": ${(e as Error).message}`);
  }
  return text;
}

/** virtctl's random name suffix: five lowercase letters or digits, without vowels. */
export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}
