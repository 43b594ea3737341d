// Post-copy live migration (QEMU's postcopy-ram). Pre-copy sends the guest's RAM while it runs and
// stops it once little is left; a guest that dirties memory faster than the link carries it never
// gets there. Post-copy stops the source, starts the guest on the target and moves the rest of its
// memory there afterwards (pages the guest touches first, the others in the background), so it
// always finishes.
//
// The price, as in KubeVirt: from the switch on the guest's memory is split between the two nodes,
// so a failure can no longer leave it running on the source. The VMI is marked Failed and both
// QEMUs end (failAfterSwitch; the target agent ends its copy when it sees `failed`).
//
// Running twice is impossible by construction: the target QEMU waits paused (-S) and its agent
// starts it only once the source agent has written migrationState.mode = PostCopy, which it does
// only after QEMU reports `postcopy-active` — from then on the source never resumes.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import type { QmpClient } from '../../qemu/qmp.ts';
import type { RunningGuest } from '../guest.ts';
import { now, updateStatus } from '../status.ts';
import { markFinal } from '../vmi-status.ts';
import { PassStall } from './pass-stall.ts';

/** Both ends need it before the stream starts: the target before migrate-incoming, the source before migrate. */
export function postCopyCapability(allowed: boolean): { capability: string; state: boolean } {
  return { capability: 'postcopy-ram', state: allowed };
}

export async function enablePostCopy(qmp: QmpClient): Promise<void> {
  await qmp.execute('migrate-set-capabilities', { capabilities: [postCopyCapability(true)] });
}

/** What the switch looks at in each query-migrate answer. */
export interface MigrateSample {
  status: string;
  ram?: { remaining: number; 'dirty-sync-count'?: number };
}

/** After the first full pass, this many stalled passes in a row mean pre-copy will not converge. */
const STALLED_PASSES = 2;

/**
 * Decides when pre-copy is not converging (pure, fed one sample per poll): when half of the
 * completion time is gone, or when, after the first full pass over RAM, the memory left dirty at
 * the start of each pass stops shrinking (pass-stall.ts).
 */
export class PostCopyTrigger {
  private readonly stall = new PassStall();

  due(elapsedMs: number, limitMs: number, sample: MigrateSample): boolean {
    const stalled = this.stall.observe(sample);
    return elapsedMs >= limitMs / 2 || stalled >= STALLED_PASSES;
  }
}

/** The source side: asks QEMU to switch when the trigger says so, and notices when it has. */
export class PostCopySwitch {
  /** QEMU is in post-copy: the guest can no longer go back to the source. */
  active = false;
  private requested = false;
  private readonly trigger = new PostCopyTrigger();

  constructor(
    private readonly qmp: QmpClient,
    readonly allowed: boolean,
  ) {}

  /** Feeds one query-migrate answer; true exactly once, when QEMU has entered post-copy. */
  async observe(sample: MigrateSample, elapsedMs: number, limitMs: number): Promise<boolean> {
    if (!this.allowed || this.active) return false;
    if (sample.status === 'postcopy-active') {
      this.active = true;
      return true;
    }
    if (!this.requested && sample.status === 'active' && this.trigger.due(elapsedMs, limitMs, sample)) {
      this.requested = true;
      // Post-copy traffic is not limited by max-bandwidth (QEMU's max-postcopy-bandwidth stays 0,
      // unlimited, as KubeVirt leaves it): the guest waits for every page it touches.
      await this.qmp.execute('migrate-start-postcopy');
    }
    return false;
  }
}

/** Source, after the switch failed: the VMI is Failed with the reason; the caller ends its QEMU. */
export async function failAfterSwitch(client: KubeClient, vmi: VirtualMachineInstance, migrationUid: string, reason: string): Promise<void> {
  await updateStatus<VirtualMachineInstance>(client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
    const s = v.status?.migrationState;
    if (v.metadata.uid !== vmi.metadata.uid || !s || s.migrationUid !== migrationUid) return false;
    Object.assign(s, { failed: true, failureReason: reason, endTimestamp: now() });
    markFinal(v, 'Failed', 'PostCopyMigrationFailed', reason);
  });
}

/** How long the target waits for QEMU to load the device state once the source has switched. */
const DEVICE_STATE_WAIT_MS = 30_000;

/**
 * Target, once the source says PostCopy: start the guest as soon as QEMU has the device state
 * (it leaves `inmigrate` for `paused`). Not `cont` while still `inmigrate`: QEMU 7.2 would
 * activate the disks before the state has arrived.
 */
export async function runDuringPostCopy(guest: RunningGuest): Promise<void> {
  const deadline = Date.now() + DEVICE_STATE_WAIT_MS;
  let status = await guest.status();
  while (status === 'inmigrate') {
    if (Date.now() > deadline) throw new Error(`${guest.key}: the post-copy device state did not arrive within ${DEVICE_STATE_WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 10));
    status = await guest.status();
  }
  if (status === 'paused') await guest.qmp.execute('cont');
}
