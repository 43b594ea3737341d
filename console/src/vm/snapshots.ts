// The Snapshots tab's rules, pure: the new snapshot's name, which snapshots are the VM's (newest
// first), what a snapshot copies, the objects the console creates, and when Take snapshot and
// Restore are greyed. Restore follows the restore controller: it waits while the target's VMI
// exists (and fails after 5 minutes by default), so the console offers it only for a stopped VM,
// as KubeVirt's and OpenShift's do.
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineRestore, VirtualMachineSnapshot } from '../api/types.ts';
import type { MessageKey } from '../i18n.ts';
import type { DisabledReason } from './actions.ts';

export const SNAPSHOT_API_VERSION = 'snapshot.kubevirt.io/v1beta1';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomSuffix(random: () => number = Math.random, length = 5): string {
  return Array.from({ length }, () => ALNUM[Math.floor(random() * ALNUM.length)] ?? 'x').join('');
}

/** OpenShift's default: `<vm>-snapshot-<random>`. */
export const snapshotName = (vmName: string, random?: () => number): string => `${vmName}-snapshot-${randomSuffix(random)}`;

export const restoreName = (snapshot: string, random?: () => number): string => `${snapshot}-restore-${randomSuffix(random)}`.slice(0, 253);

/** What is wrong with a snapshot name (a DNS-1123 subdomain, as the API checks), or undefined. */
export function nameProblem(name: string): MessageKey | undefined {
  if (name === '') return 'snapshot.nameRequired';
  if (name.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) return 'snapshot.nameInvalid';
  return undefined;
}

const createdAt = (s: VirtualMachineSnapshot) => Date.parse(s.status?.creationTime || s.metadata.creationTimestamp || '') || 0;

/** The VM's snapshots, newest first. */
export function snapshotsOf(snaps: readonly VirtualMachineSnapshot[], vm: VirtualMachine): VirtualMachineSnapshot[] {
  const mine = snaps.filter((s) => s.metadata.namespace === vm.metadata.namespace && s.spec?.source.kind === 'VirtualMachine' && s.spec.source.name === vm.metadata.name);
  return mine.sort((a, b) => createdAt(b) - createdAt(a) || b.metadata.name.localeCompare(a.metadata.name));
}

/** The volumes a snapshot copies (claims and DataVolumes) and those it leaves out, as KubeVirt does. */
export function snapshotVolumes(vm: VirtualMachine): { included: string[]; excluded: string[] } {
  const volumes = vm.spec?.template?.spec?.volumes ?? [];
  const copied = (v: (typeof volumes)[number]) => !!v.dataVolume || !!v.persistentVolumeClaim;
  return { included: volumes.filter(copied).map((v) => v.name), excluded: volumes.filter((v) => !copied(v)).map((v) => v.name) };
}

/** The phase to show: the API's, or Pending before the controller has written one. */
export const snapshotPhase = (s: VirtualMachineSnapshot): string => (s.metadata.deletionTimestamp ? 'Deleting' : (s.status?.phase ?? 'Pending'));

const vmRef = (name: string) => ({ apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name });

export function snapshotBody(vm: VirtualMachine, name: string): VirtualMachineSnapshot {
  return { apiVersion: SNAPSHOT_API_VERSION, kind: 'VirtualMachineSnapshot', metadata: { name, namespace: vm.metadata.namespace }, spec: { source: vmRef(vm.metadata.name) } };
}

export function restoreBody(vm: VirtualMachine, snapshot: string, name: string): VirtualMachineRestore {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'VirtualMachineRestore',
    metadata: { name, namespace: vm.metadata.namespace },
    spec: { target: vmRef(vm.metadata.name), virtualMachineSnapshotName: snapshot },
  };
}

/** Why Take snapshot is greyed, or undefined. A snapshot already running is fine: the next one waits for it. */
export function takeSnapshotBlocker(vm: VirtualMachine | undefined): DisabledReason | undefined {
  if (!vm) return undefined;
  if (vm.metadata.deletionTimestamp) return { key: 'snapshot.vmDeleting' };
  if (vm.status?.restoreInProgress) return { key: 'snapshot.restoreInProgress', vars: { name: vm.status.restoreInProgress } };
  return undefined;
}

/** Why Restore is greyed for this snapshot, or undefined when the restore can start now. */
export function restoreBlocker(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, snap: VirtualMachineSnapshot): DisabledReason | undefined {
  if (snap.metadata.deletionTimestamp) return { key: 'snapshot.deleting' };
  if (snap.status?.readyToUse !== true) return { key: 'snapshot.notReady' };
  if (vm.metadata.deletionTimestamp) return { key: 'snapshot.vmDeleting' };
  // The controller waits for the VMI to go, however the VM's status reads meanwhile.
  if (vmi) return { key: 'snapshot.vmRunning' };
  if (vm.status?.restoreInProgress) return { key: 'snapshot.restoreInProgress', vars: { name: vm.status.restoreInProgress } };
  if (vm.status?.snapshotInProgress) return { key: 'snapshot.snapshotInProgress', vars: { name: vm.status.snapshotInProgress } };
  return undefined;
}

/** `message`: the condition's reason while in progress or failed, the restore time once complete. */
export type RestoreState = { kind: 'progress' | 'complete' | 'failed'; name: string; message: string };

/** Where the newest restore of `snapshot` into this VM stands, or undefined when there is none. */
export function latestRestore(restores: readonly VirtualMachineRestore[], vm: VirtualMachine, snapshot: string): RestoreState | undefined {
  const mine = restores.filter((r) => r.metadata.namespace === vm.metadata.namespace && r.spec?.target.name === vm.metadata.name && r.spec.virtualMachineSnapshotName === snapshot);
  const at = (r: VirtualMachineRestore) => Date.parse(r.metadata.creationTimestamp ?? '') || 0;
  const r = mine.sort((a, b) => at(b) - at(a))[0];
  if (!r) return undefined;
  const cond = (type: string) => r.status?.conditions?.find((c) => c.type === type);
  const failure = cond('Failure');
  if (failure?.status === 'True') return { kind: 'failed', name: r.metadata.name, message: failure.reason || failure.message || '' };
  if (r.status?.complete) return { kind: 'complete', name: r.metadata.name, message: r.status.restoreTime ?? '' };
  const progressing = cond('Progressing') ?? cond('Ready');
  return { kind: 'progress', name: r.metadata.name, message: progressing?.reason || progressing?.message || '' };
}

/** A restore into this VM that has neither completed nor failed. */
export function unfinishedRestore(r: VirtualMachineRestore, vm: VirtualMachine): boolean {
  if (r.metadata.namespace !== vm.metadata.namespace || r.spec?.target.name !== vm.metadata.name) return false;
  return !r.status?.complete && !r.status?.conditions?.some((c) => c.type === 'Failure' && c.status === 'True');
}

/** Two readings of one list merged: per name the copy with the higher resourceVersion. */
export function newestByName<T extends { metadata: { name: string; resourceVersion?: string } }>(a: readonly T[], b: readonly T[]): T[] {
  const rv = (o: T) => Number(o.metadata.resourceVersion) || 0;
  const out = new Map<string, T>();
  for (const o of [...a, ...b]) {
    const seen = out.get(o.metadata.name);
    if (!seen || rv(o) > rv(seen)) out.set(o.metadata.name, o);
  }
  return [...out.values()];
}
