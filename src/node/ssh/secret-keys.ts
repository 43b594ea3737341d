// The SSH public keys a Secret holds, as KubeVirt reads them: every value of the Secret (any key
// name), each possibly several keys, one per line. A Secret that does not exist is an error the
// caller reports (a failed start, a False condition), never an empty list.
import type { SecretLike } from '../../qemu/cloudinit.ts';

export class MissingSecretError extends Error {
  constructor(readonly secretName: string) {
    super(`secret "${secretName}" not found`);
    this.name = 'MissingSecretError';
  }
}

export type FetchSecret = (name: string) => Promise<SecretLike | undefined>;

/** Keys in Secret key order (stable, so a resync can tell "unchanged"), blank and # lines dropped. */
export function keysOfSecret(secret: SecretLike): string[] {
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(secret.data ?? {})) values.set(k, Buffer.from(v, 'base64').toString('utf8'));
  // stringData wins, as the API server would merge it on write.
  for (const [k, v] of Object.entries(secret.stringData ?? {})) values.set(k, v);
  const names = [...values.keys()].sort();
  return unique(names.flatMap((n) => values.get(n)!.split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

/** All keys of the named Secrets, in the order given; rejects with MissingSecretError. */
export async function keysOfSecrets(fetch: FetchSecret, names: string[]): Promise<string[]> {
  const lists = await Promise.all(
    [...new Set(names)].map(async (name) => {
      const secret = await fetch(name);
      if (!secret) throw new MissingSecretError(name);
      return keysOfSecret(secret);
    }),
  );
  return unique(lists.flat());
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
