// KubeVirt's `guestosinfo` (VirtualMachineInstanceGuestAgentInfo) from the guest agent's answers.
// `guest-info` must answer (no agent → 409 like KubeVirt); every other field is best effort and
// only asked for when the agent lists the command as supported, since agents differ widely.
import type { GuestAccess } from '../guest-access.ts';
import { vmiConflict } from './status.ts';

interface GuestInfo {
  version?: string;
  supported_commands?: { name: string; enabled?: boolean }[];
}
interface OsInfo {
  id?: string;
  name?: string;
  'pretty-name'?: string;
  version?: string;
  'version-id'?: string;
  'kernel-release'?: string;
  'kernel-version'?: string;
  machine?: string;
}
interface User {
  user: string;
  domain?: string;
  'login-time'?: number;
}
interface Fs {
  name?: string;
  mountpoint?: string;
  type?: string;
  'used-bytes'?: number;
  'total-bytes'?: number;
}

export async function guestOsInfo(access: GuestAccess, namespace: string, name: string): Promise<Record<string, unknown>> {
  let info: GuestInfo;
  try {
    info = await access.guestAgent<GuestInfo>(namespace, name, 'guest-info');
  } catch {
    throw vmiConflict(name, 'VMI does not have guest agent connected');
  }
  const supported = new Set((info.supported_commands ?? []).filter((c) => c.enabled !== false).map((c) => c.name));
  // An optional field: undefined when the agent lacks the command or fails it.
  const ask = async <T>(command: string): Promise<T | undefined> => {
    if (!supported.has(command)) return undefined;
    try {
      return await access.guestAgent<T>(namespace, name, command);
    } catch {
      return undefined;
    }
  };
  const os = await ask<OsInfo>('guest-get-osinfo');
  const host = await ask<{ 'host-name'?: string }>('guest-get-host-name');
  const tz = await ask<{ zone?: string; offset?: number }>('guest-get-timezone');
  const users = await ask<User[]>('guest-get-users');
  const fs = await ask<Fs[]>('guest-get-fsinfo');
  const freeze = await ask<string>('guest-fsfreeze-status');
  return {
    kind: 'VirtualMachineInstanceGuestAgentInfo',
    apiVersion: 'kubevirt.io/v1',
    guestAgentVersion: info.version ?? '',
    supportedCommands: (info.supported_commands ?? []).map((c) => ({ name: c.name, enabled: c.enabled !== false })),
    hostname: host?.['host-name'] ?? '',
    os: os
      ? {
          id: os.id,
          name: os.name,
          prettyName: os['pretty-name'],
          version: os.version,
          versionId: os['version-id'],
          kernelRelease: os['kernel-release'],
          kernelVersion: os['kernel-version'],
          machine: os.machine,
        }
      : {},
    ...(tz ? { timezone: `${tz.zone ?? ''}, ${tz.offset ?? 0}` } : {}),
    ...(users ? { userList: users.map((u) => ({ userName: u.user, domain: u.domain, loginTime: u['login-time'] })) } : {}),
    ...(fs
      ? {
          fsInfo: {
            disks: fs.map((d) => ({ diskName: d.name, mountPoint: d.mountpoint, fileSystemType: d.type, usedBytes: d['used-bytes'], totalBytes: d['total-bytes'] })),
          },
        }
      : {}),
    ...(freeze ? { fsFreezeStatus: freeze } : {}),
  };
}
