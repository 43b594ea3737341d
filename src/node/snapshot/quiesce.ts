// Quiescing a running guest for an online snapshot, as KubeVirt does: a guest agent that answers
// freezes its file systems (GuestAgent); without one the copy is crash-consistent (NoGuestAgent);
// a paused guest writes nothing, so it needs no freeze (Paused). A freeze that fails where an
// agent answers fails the snapshot, as in KubeVirt; thaw is always attempted, and retried.
import type { QuiesceReport } from '../../controllers/snapshot/protocol.ts';
import type { RunningGuest } from '../guest.ts';

export interface Quiesced {
  report: QuiesceReport;
  frozen: boolean;
}

type Guest = Pick<RunningGuest, 'paused' | 'qga'>;

export async function quiesce(guest: Guest): Promise<Quiesced> {
  if (guest.paused) return { report: { indication: 'Paused', message: 'the guest was paused' }, frozen: false };
  try {
    await guest.qga.command('guest-ping', undefined, 2000);
  } catch (e) {
    return { report: { indication: 'NoGuestAgent', message: (e as Error).message }, frozen: false };
  }
  try {
    const n = await guest.qga.command<number>('guest-fsfreeze-freeze', undefined, 30_000);
    return { report: { indication: 'GuestAgent', message: `froze ${n} file system(s)` }, frozen: true };
  } catch (e) {
    // A failed freeze may have frozen some file systems before it gave up.
    await thaw(guest).catch((t: unknown) => console.error(`node snapshots: thaw after a failed freeze: ${(t as Error).message}`));
    throw new Error(`cannot freeze the guest's file systems: ${(e as Error).message}`, { cause: e });
  }
}

export async function thaw(guest: Guest, attempts = 3): Promise<void> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      await guest.qga.command('guest-fsfreeze-thaw', undefined, 10_000);
      return;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`cannot thaw the guest's file systems: ${(last as Error).message}`);
}
