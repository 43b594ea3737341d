// A VirtualMachineSnapshot's status, as KubeVirt's snapshot controller computes it (phase,
// readyToUse, creationTime, error and conditions mirrored from the content; indications; the
// failure deadline). Pure: the controller writes the result when it differs.
import type { Indication, SnapshotStatus, VirtualMachineSnapshot, VirtualMachineSnapshotContent } from '../../api/snapshot/index.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import { parseGoDuration } from '../../api/hco/go-duration.ts';
import { claimVolumes } from './content-build.ts';
import { hasCondition, isoNow, setCondition } from './conditions.ts';

export const DEFAULT_FAILURE_DEADLINE_MS = 5 * 60_000;
export const DEADLINE_EXCEEDED = 'snapshot deadline exceeded';

/** KubeVirt's indication messages. */
export const INDICATION_MESSAGES: Record<Indication, string> = {
  Online: 'Snapshot taken while the VM was running. Consistency depends on guest-agent quiescing.',
  GuestAgent: 'Guest agent was active and attempted to quiesce the filesystem for application consistency.',
  NoGuestAgent: 'Guest agent was not available. Snapshot is crash-consistent and may not be application-consistent.',
  QuiesceTimeout: 'Guest agent quiesced the filesystem, but the freeze window timed out before completion. Snapshot is crash-consistent and may not be application-consistent.',
  Paused: 'Snapshot taken while the VM was paused. Snapshot is crash-consistent and may not be application-consistent.',
  PartialSnapshot: 'Not all snapshotable volumes were included in the snapshot. Check status.snapshotVolumes for excluded volumes and VM VolumeSnapshotStatus for details.',
};

export interface SourceState {
  locked: boolean;
  /** KubeVirt's Progressing reason: "Source locked and operation in progress", or why not. */
  lockMsg: string;
  online: boolean;
  /** How the guest was (or would be) quiesced; only when online. */
  quiesce?: 'GuestAgent' | 'NoGuestAgent' | 'Paused';
}

export interface SnapshotInput {
  snap: VirtualMachineSnapshot;
  /** The source VM, undefined when it does not exist. */
  vm: VirtualMachine | undefined;
  source: SourceState | undefined;
  content: VirtualMachineSnapshotContent | undefined;
  now: number;
}

export function failureDeadlineMs(snap: VirtualMachineSnapshot): number {
  const d = snap.spec?.failureDeadline;
  return d === undefined ? DEFAULT_FAILURE_DEADLINE_MS : parseGoDuration(d);
}

export const isProgressing = (s: SnapshotStatus | undefined) => s?.phase !== 'Failed' && s?.phase !== 'Succeeded';

/** Milliseconds until the deadline (Infinity without one). */
export function msUntilDeadline(snap: VirtualMachineSnapshot, now: number): number {
  const d = failureDeadlineMs(snap);
  if (d === 0) return Infinity;
  return Date.parse(String(snap.metadata.creationTimestamp)) + d - now;
}

export function deadlineExceeded(snap: VirtualMachineSnapshot, now: number): boolean {
  if (snap.status?.phase === 'Failed') return true;
  return isProgressing(snap.status) && msUntilDeadline(snap, now) < 0;
}

function indications(source: SourceState): Pick<SnapshotStatus, 'indications' | 'sourceIndications'> {
  if (!source.online) return {};
  const list = (['Online', ...(source.quiesce ? [source.quiesce] : [])] as Indication[]).sort();
  return { indications: list, sourceIndications: list.map((indication) => ({ indication, message: INDICATION_MESSAGES[indication] })) };
}

function snapshotVolumes(content: VirtualMachineSnapshotContent | undefined): SnapshotStatus['snapshotVolumes'] {
  const vm = content?.spec?.source.virtualMachine;
  if (!vm) return undefined;
  const included = new Set((content.spec?.volumeBackups ?? []).map((b) => b.volumeName));
  const all = (vm.spec.template.spec?.volumes ?? []).map((v) => v.name);
  const includedVolumes = all.filter((v) => included.has(v));
  const excludedVolumes = all.filter((v) => !included.has(v));
  return { ...(includedVolumes.length ? { includedVolumes } : {}), ...(excludedVolumes.length ? { excludedVolumes } : {}) };
}

/** A claim-backed volume the content has no backup of: the snapshot is partial. */
function partial(content: VirtualMachineSnapshotContent | undefined): boolean {
  const vm = content?.spec?.source.virtualMachine;
  if (!vm) return false;
  const included = new Set((content.spec?.volumeBackups ?? []).map((b) => b.volumeName));
  return claimVolumes({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: {}, spec: vm.spec }).some((v) => !included.has(v.volumeName));
}

export function computeSnapshotStatus(input: SnapshotInput): SnapshotStatus {
  const { snap, vm, source, content } = input;
  const now = isoNow(input.now);
  const s: SnapshotStatus = structuredClone(snap.status ?? { readyToUse: false });
  if (vm) s.sourceUID = vm.metadata.uid;
  if (content?.status) {
    s.virtualMachineSnapshotContentName = content.metadata.name;
    if (content.status.creationTime) s.creationTime = content.status.creationTime;
    else delete s.creationTime;
    s.readyToUse = content.status.readyToUse ?? false;
    if (content.status.error) s.error = content.status.error;
    else delete s.error;
  }
  let c = s.conditions;
  if (deadlineExceeded({ ...snap, status: s }, input.now)) {
    // Vireo also says why in the error, so the ERROR column tells what kept the snapshot from finishing.
    const last = c?.find((x) => x.type === 'Progressing')?.reason;
    if (!s.error && s.phase !== 'Failed') s.error = { time: now, message: last && last !== 'Operation failed' ? `${DEADLINE_EXCEEDED}: ${last}` : DEADLINE_EXCEEDED };
    s.phase = 'Failed';
    c = setCondition(c, 'Failure', true, DEADLINE_EXCEEDED, now);
    c = setCondition(c, 'Progressing', false, 'Operation failed', now);
  } else if (s.phase === 'Succeeded' || s.creationTime) {
    s.phase = 'Succeeded';
    c = setCondition(c, 'Progressing', false, 'Operation complete', now);
    const volumes = snapshotVolumes(content);
    if (volumes) s.snapshotVolumes = volumes;
    if (source?.online) Object.assign(s, indications(source));
    if (partial(content) && !s.indications?.includes('PartialSnapshot')) {
      s.indications = [...(s.indications ?? []), 'PartialSnapshot'];
      s.sourceIndications = [...(s.sourceIndications ?? []), { indication: 'PartialSnapshot', message: INDICATION_MESSAGES.PartialSnapshot }];
    }
  } else {
    s.phase = 'InProgress';
    if (source) {
      c = setCondition(c, 'Progressing', source.locked, source.lockMsg, now);
      const ind = indications(source);
      if (ind.indications) Object.assign(s, ind);
      else {
        delete s.indications;
        delete s.sourceIndications;
      }
    } else {
      c = setCondition(c, 'Progressing', false, 'Source does not exist', now);
    }
    if (snap.metadata.deletionTimestamp) {
      s.phase = 'Deleting';
      c = setCondition(c, 'Progressing', false, 'VM snapshot is deleting', now);
    }
  }
  c = setCondition(c, 'Ready', s.readyToUse === true, s.readyToUse ? 'Ready' : 'Not ready', now);
  if (s.error && !hasCondition(c, 'Failure')) c = setCondition(c, 'Progressing', false, 'In error state', now);
  s.conditions = c;
  return s;
}
