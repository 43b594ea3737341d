// Clone without a VirtualMachineClone kind (Vireo's API has none): what KubeVirt's clone controller
// does underneath — snapshot the VM, restore that snapshot into a NEW VM (the restore controller
// creates it stopped, with the restore's JSON patches applied), then delete the snapshot. The
// patches drop what must not be shared by two VMs (MAC addresses, firmware UUID and serial), as
// KubeVirt's clone does by default.
import type { VirtualMachine, VirtualMachineRestore, VirtualMachineSnapshot } from '../api/types.ts';
import { SNAPSHOT_API_VERSION, randomSuffix } from './snapshots.ts';

export const cloneName = (vm: string, random?: () => number): string => `${vm}-clone-${randomSuffix(random)}`.slice(0, 63).replace(/-+$/, '');

/** The parts of a VM template the clone patches look at. */
interface CloneSource {
  spec?: { template?: { spec?: { domain?: { firmware?: { uuid?: string; serial?: string }; devices?: { interfaces?: { macAddress?: string }[] } } } } };
}

/** JSON patches (as the restore's `patches` strings) that remove MACs and the firmware identity. */
export function clonePatches(vm: CloneSource): string[] {
  const domain = vm.spec?.template?.spec?.domain;
  const out: object[] = [];
  (domain?.devices?.interfaces ?? []).forEach((i, n) => {
    if (i.macAddress) out.push({ op: 'remove', path: `/spec/template/spec/domain/devices/interfaces/${n}/macAddress` });
  });
  if (domain?.firmware?.uuid) out.push({ op: 'remove', path: '/spec/template/spec/domain/firmware/uuid' });
  if (domain?.firmware?.serial) out.push({ op: 'remove', path: '/spec/template/spec/domain/firmware/serial' });
  return out.map((p) => JSON.stringify(p));
}

export function cloneSnapshotBody(vm: VirtualMachine, snapshot: string): VirtualMachineSnapshot {
  return { apiVersion: SNAPSHOT_API_VERSION, kind: 'VirtualMachineSnapshot', metadata: { name: snapshot, namespace: vm.metadata.namespace }, spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vm.metadata.name } } };
}

export type CloneRestore = VirtualMachineRestore & { spec: NonNullable<VirtualMachineRestore['spec']> & { patches?: string[] } };

export function cloneRestoreBody(vm: VirtualMachine & CloneSource, snapshot: string, restore: string, target: string): CloneRestore {
  const patches = clonePatches(vm);
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: 'VirtualMachineRestore',
    metadata: { name: restore, namespace: vm.metadata.namespace },
    spec: { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: target }, virtualMachineSnapshotName: snapshot, ...(patches.length ? { patches } : {}) },
  };
}

export type StepState = { kind: 'pending' } | { kind: 'done' } | { kind: 'failed'; message: string };

/** Where the clone's snapshot stands: Succeeded and readyToUse is done; Failed says why. */
export function snapshotStep(s: VirtualMachineSnapshot | undefined): StepState {
  if (!s) return { kind: 'pending' };
  if (s.status?.phase === 'Failed') return { kind: 'failed', message: s.status.error?.message || s.status.conditions?.find((c) => c.status === 'False' && c.message)?.message || 'Failed' };
  return s.status?.phase === 'Succeeded' && s.status.readyToUse ? { kind: 'done' } : { kind: 'pending' };
}

/** Where the clone's restore stands: complete is done; a Failure condition says why. */
export function restoreStep(r: VirtualMachineRestore | undefined): StepState {
  if (!r) return { kind: 'pending' };
  const failure = r.status?.conditions?.find((c) => c.type === 'Failure' && c.status === 'True');
  if (failure) return { kind: 'failed', message: failure.message || failure.reason || 'Failure' };
  return r.status?.complete ? { kind: 'done' } : { kind: 'pending' };
}
