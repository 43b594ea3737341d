// Clone through the server's VirtualMachineClone (clone.kubevirt.io/v1beta1): the console creates
// one and follows its phase. The clone controller snapshots the VM, restores the snapshot into the
// new VM (stopped; MACs, firmware UUID and serial dropped, as KubeVirt's clone does by default) and
// deletes its temporary snapshot and restore.
import type { Condition, KubeObject, VirtualMachine } from '../api/types.ts';
import { randomSuffix } from './snapshots.ts';

export const CLONE_API_VERSION = 'clone.kubevirt.io/v1beta1';

export const clonesPath = (ns: string) => `/apis/clone.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachineclones`;
export const clonePath = (ns: string, name: string) => `${clonesPath(ns)}/${name}`;

export type ClonePhase = 'SnapshotInProgress' | 'CreatingTargetVM' | 'RestoreInProgress' | 'Succeeded' | 'Failed' | 'Unknown';

/** clone.kubevirt.io/v1beta1 VirtualMachineClone, as far as the console uses it. */
export interface VirtualMachineClone extends KubeObject {
  spec: {
    source: { apiGroup: string; kind: string; name: string };
    target?: { apiGroup: string; kind: string; name?: string };
    newMacAddresses?: Record<string, string>;
  };
  status?: { phase?: ClonePhase; snapshotName?: string | null; restoreName?: string | null; targetName?: string | null; conditions?: Condition[] };
}

export const cloneName = (vm: string, random?: () => number): string => `${vm}-clone-${randomSuffix(random)}`.slice(0, 63).replace(/-+$/, '');

/** The clone object's own name: unique, so an earlier clone into the same name never collides. */
export const cloneObjectName = (target: string, random?: () => number): string => `clone-to-${target}`.slice(0, 246).replace(/-+$/, '') + `-${randomSuffix(random)}`;

export function cloneBody(vm: VirtualMachine, name: string, target: string): VirtualMachineClone {
  return {
    apiVersion: CLONE_API_VERSION,
    kind: 'VirtualMachineClone',
    metadata: { name, namespace: vm.metadata.namespace },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vm.metadata.name }, target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: target } },
  };
}

export type StepState = { kind: 'pending' } | { kind: 'done' } | { kind: 'failed'; message: string };

/** Where the clone stands: Succeeded is done; Failed says why (the Ready condition's message). */
export function cloneStep(c: VirtualMachineClone | undefined): StepState {
  if (c?.status?.phase === 'Succeeded') return { kind: 'done' };
  if (c?.status?.phase !== 'Failed') return { kind: 'pending' };
  const ready = c.status.conditions?.find((x) => x.type === 'Ready');
  return { kind: 'failed', message: ready?.message || ready?.reason || 'Failed' };
}

export type CloneUiStep = 'snapshot' | 'restore' | 'cleanup';

/** The dialog's steps reached so far, from the clone's phase. */
export function stepsOf(c: VirtualMachineClone | undefined): CloneUiStep[] {
  switch (c?.status?.phase) {
    case 'RestoreInProgress':
      return ['snapshot', 'restore'];
    case 'CreatingTargetVM':
    case 'Succeeded':
      return ['snapshot', 'restore', 'cleanup'];
    default:
      return ['snapshot'];
  }
}
