// KubeVirt's clone mutator: a clone without a target (or a target name) gets a VM named
// clone-<source>-<5 random characters>.
import { randomBytes } from 'node:crypto';
import { TARGET_API_GROUP, TARGET_KIND } from './common.ts';
import type { VirtualMachineClone } from './virtualmachineclone.ts';

// Kubernetes' rand.String alphabet: no vowels, no look-alike digits.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomString(n = 5, bytes: (n: number) => Uint8Array = randomBytes): string {
  return [...bytes(n)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const generatedTargetName = (source: string, suffix = randomString()) => `clone-${source}-${suffix}`;

export function defaultTarget(c: VirtualMachineClone, suffix?: string): void {
  const spec = c.spec;
  if (!spec?.source?.name) return;
  if (!spec.target) spec.target = { apiGroup: TARGET_API_GROUP, kind: TARGET_KIND };
  if (!spec.target.name) spec.target.name = generatedTargetName(spec.source.name, suffix);
}
