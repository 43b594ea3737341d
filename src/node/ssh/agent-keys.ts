// What the guest agent must hold for a VMI: per user named by a qemuGuestAgent credential, the keys
// of all Secrets that name the user (KubeVirt merges credentials per user), in spec order.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { sshKeyCredentials } from './credentials.ts';
import { keysOfSecrets, type FetchSecret } from './secret-keys.ts';

export interface AgentKeys {
  /** user → authorized keys; sorted by user so two readings compare equal as JSON. */
  users: [string, string[]][];
  secrets: string[];
}

/** undefined when the VMI has no qemuGuestAgent credential; rejects with MissingSecretError. */
export async function agentKeysOf(vmi: VirtualMachineInstance, fetch: FetchSecret): Promise<AgentKeys | undefined> {
  const creds = sshKeyCredentials(vmi).filter((c) => c.propagation === 'qemuGuestAgent');
  if (creds.length === 0) return undefined;
  const byUser = new Map<string, string[]>();
  for (const c of creds) {
    const keys = await keysOfSecrets(fetch, [c.secretName]);
    for (const u of c.users) byUser.set(u, [...new Set([...(byUser.get(u) ?? []), ...keys])]);
  }
  return { users: [...byUser.entries()].sort(([a], [b]) => a.localeCompare(b)), secrets: [...new Set(creds.map((c) => c.secretName))] };
}
