// Copy SSH command: the guest's port 22 as its node forwards it (VMI annotation
// vireo.io/port-forwards, `{"22/TCP": PORT}`) at the VMI's address, as `vireo ssh` finds them
// (src/cli/ssh.ts), and the user from the VM's cloud-init when it names one.
import { parse } from 'yaml';
import type { VirtualMachineInstance } from '../api/types.ts';
import type { MessageKey } from '../i18n.ts';

export const FORWARDS_ANNOTATION = 'vireo.io/port-forwards';

export type SshTarget = { host: string; port: number } | { problem: MessageKey };

/** The node port forwarding the guest's port 22, if the VMI's annotation names one. */
export function forwardedSshPort(vmi: VirtualMachineInstance | undefined): number | undefined {
  try {
    const port = (JSON.parse(vmi?.metadata.annotations?.[FORWARDS_ANNOTATION] ?? '{}') as Record<string, unknown>)['22/TCP'];
    return typeof port === 'number' ? port : undefined;
  } catch {
    return undefined; // not JSON: nothing forwarded that we can use
  }
}

export function sshTarget(vmi: VirtualMachineInstance | undefined): SshTarget {
  if (!vmi || vmi.status?.phase !== 'Running') return { problem: 'ssh.notRunning' };
  const port = forwardedSshPort(vmi);
  if (port === undefined) return { problem: 'ssh.noPort' };
  const host = vmi.status.interfaces?.[0]?.ipAddress;
  if (!host) return { problem: 'ssh.noAddress' };
  return { host, port };
}

/** A cloud-config's user: `user: NAME` (or `{name}`), else the first named entry of `users`. */
export function cloudInitUser(userData: string | undefined): string | undefined {
  if (!userData) return undefined;
  let doc: unknown;
  try {
    doc = parse(userData);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const { user, users } = doc as { user?: unknown; users?: unknown };
  const nameOf = (u: unknown): string | undefined => (typeof u === 'string' ? u : u && typeof u === 'object' && typeof (u as { name?: unknown }).name === 'string' ? (u as { name: string }).name : undefined);
  const direct = nameOf(user);
  if (direct) return direct;
  if (Array.isArray(users)) return users.map(nameOf).find((n) => n && n !== 'default');
  return undefined;
}

/** The userData of a VM's cloudInitNoCloud/cloudInitConfigDrive volume, as far as it is inline. */
export function vmUserData(vm: { spec?: { template?: { spec?: { volumes?: unknown[] } } } }): string | undefined {
  for (const v of vm.spec?.template?.spec?.volumes ?? []) {
    const src = (v as { cloudInitNoCloud?: { userData?: string }; cloudInitConfigDrive?: { userData?: string } }).cloudInitNoCloud ?? (v as { cloudInitConfigDrive?: { userData?: string } }).cloudInitConfigDrive;
    if (src?.userData) return src.userData;
  }
  return undefined;
}

export const sshCommand = (t: { host: string; port: number }, user: string | undefined): string => `ssh -p ${t.port} ${user ?? '<user>'}@${t.host}`;

export const vireoSshCommand = (namespace: string, name: string, user: string | undefined): string => `vireo ssh -n ${namespace} ${user ? `${user}@` : ''}${name}`;
