// The power actions KubeVirt's virt-handler performs on a running guest, with its refusals.
// Paused-ness comes from QMP `query-status`, the guest's own truth, not from the VMI's conditions.
import type { GuestAccess } from '../guest-access.ts';
import type { Action } from './routes.ts';
import { EndpointError, vmiConflict } from './status.ts';

/** How long a `guest-shutdown` may take to fail; qemu-ga never answers one that works. */
const SHUTDOWN_ERROR_WINDOW_MS = 1500;

export async function runAction(access: GuestAccess, namespace: string, name: string, action: Action): Promise<void> {
  const qmp = (command: string, args?: Record<string, unknown>) => qmpOrFail(access, namespace, name, command, args);
  const state = (await qmp('query-status')) as { status?: string };
  switch (action) {
    case 'pause':
      if (state.status === 'paused') throw vmiConflict(name, 'VMI is already paused');
      if (state.status !== 'running') throw vmiConflict(name, 'VMI is not running');
      await qmp('stop');
      return;
    case 'unpause':
      if (state.status !== 'paused') throw vmiConflict(name, 'VMI is not paused');
      await qmp('cont');
      return;
    case 'softreboot':
      if (state.status === 'paused') throw vmiConflict(name, 'VMI is paused');
      await softReboot(access, namespace, name);
      return;
    case 'reset':
      await qmp('system_reset');
      return;
  }
}

async function qmpOrFail(access: GuestAccess, namespace: string, name: string, command: string, args?: Record<string, unknown>): Promise<unknown> {
  try {
    return await access.qmp(namespace, name, command, args);
  } catch (e) {
    throw new EndpointError(500, 'InternalError', `QMP ${command} failed for VMI ${namespace}/${name}: ${(e as Error).message}`);
  }
}

// KubeVirt reboots through the guest agent and refuses when none is connected (Vireo does not
// fall back to an ACPI reboot).
async function softReboot(access: GuestAccess, namespace: string, name: string): Promise<void> {
  try {
    await access.guestAgent(namespace, name, 'guest-ping');
  } catch {
    throw vmiConflict(name, 'VMI does not have guest agent connected');
  }
  const sent = access.guestAgent(namespace, name, 'guest-shutdown', { mode: 'reboot' });
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<'quiet'>((resolve) => (timer = setTimeout(() => resolve('quiet'), SHUTDOWN_ERROR_WINDOW_MS)));
  try {
    await Promise.race([sent, quiet]);
  } catch (e) {
    throw new EndpointError(500, 'InternalError', `guest-shutdown failed for VMI ${namespace}/${name}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  // A rejection after the window (the agent gave up waiting for a reply from a guest that went down
  // to reboot) is the expected outcome; Promise.race has already handled it.
}
