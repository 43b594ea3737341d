// How the migration controller and the two node agents hand a live migration along. All of it is
// in the VMI (vmi.status.migrationState, one label), so each party only watches the VMI:
//   controller: picks the target, creates the target launcher Pod, labels the VMI with
//               TARGET_NODE_LABEL and writes migrationUid, source/target node and pod, mode and
//               migrationConfiguration; later abortRequested when the migration object is deleted.
//   target agent (watches VMIs labelled with its node): starts QEMU waiting for the incoming state
//               and NBD exports of the node-local disks, then writes targetNodeAddress and
//               targetDirectMigrationNodePorts.
//   source agent: mirrors the node-local disks, migrates, writes startTimestamp, progress, and at
//               the end completed (with downtimeMs) or failed (with failureReason).
//   target agent: on completed, resumes its guest and takes the VMI over (status.nodeName,
//               activePods, interfaces), removing the label.
//   source agent: once the VMI names the target node, ends its paused copy and its files.
// The controller mirrors migrationState into the VirtualMachineInstanceMigration and moves its phase.
import type { MigrationState } from '../../api/kubevirt/index.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { MigrationConfig } from './config.ts';

export const TARGET_NODE_LABEL = 'kubevirt.io/migrationTargetNodeName';
export const MIGRATION_JOB_LABEL = 'kubevirt.io/migrationJobUID';
export const MIGRATION_FINALIZER = 'kubevirt.io/migrationJobFinalize';

/** The migrationState belongs to migration `uid` and that migration has not ended. */
export function isActiveFor(vmi: VirtualMachineInstance | undefined, uid: string): boolean {
  const m = vmi?.status?.migrationState;
  return !!m && m.migrationUid === uid && !hasEnded(m);
}

export function hasEnded(m: MigrationState | undefined): boolean {
  return !!m && (m.failed === true || m.completed === true);
}

/** A migration of this VMI is under way (whichever migration object asked for it). */
export function isMigrationInFlight(vmi: VirtualMachineInstance): boolean {
  const m = vmi.status?.migrationState;
  return !!m?.migrationUid && !hasEnded(m);
}

export function configOf(m: MigrationState | undefined): MigrationConfig | undefined {
  return m?.migrationConfiguration as MigrationConfig | undefined;
}
