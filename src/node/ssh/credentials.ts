// A typed reading of a VMI's spec.accessCredentials (stored free-form): which Secrets hold SSH
// public keys and how each reaches the guest. Admission (src/api/kubevirt/validate-access-credentials.ts)
// already checked the shape, so entries that are not SSH keys are simply not SSH keys here.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';

export type Propagation = 'noCloud' | 'configDrive' | 'qemuGuestAgent';

export interface SshKeyCredential {
  secretName: string;
  propagation: Propagation;
  /** qemuGuestAgent only: whose authorized_keys the agent writes. */
  users: string[];
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function sshKeyCredentials(vmi: VirtualMachineInstance): SshKeyCredential[] {
  const out: SshKeyCredential[] = [];
  for (const cred of vmi.spec?.accessCredentials ?? []) {
    const ssh = obj(cred['sshPublicKey']);
    const secretName = obj(obj(obj(ssh?.['source'])?.['secret']))?.['secretName'];
    const method = obj(ssh?.['propagationMethod']);
    if (typeof secretName !== 'string' || !method) continue;
    const propagation = (['noCloud', 'configDrive', 'qemuGuestAgent'] as const).find((m) => obj(method[m]));
    if (!propagation) continue;
    const users = obj(method['qemuGuestAgent'])?.['users'];
    out.push({ secretName, propagation, users: Array.isArray(users) ? users.filter((u): u is string => typeof u === 'string') : [] });
  }
  return out;
}
