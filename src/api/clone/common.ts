// The clone.kubevirt.io group and the kinds a clone may name as its source and target.
export const CLONE_GROUP = 'clone.kubevirt.io';
export const CLONE_VERSION = 'v1beta1';
export const CLONE_API_VERSION = `${CLONE_GROUP}/${CLONE_VERSION}`;

/** KubeVirt's supported sources: a VM, or a snapshot of one ("golden image"). */
export const SOURCE_KINDS = { VirtualMachine: 'kubevirt.io', VirtualMachineSnapshot: 'snapshot.kubevirt.io' } as const;
export type SourceKind = keyof typeof SOURCE_KINDS;
export const TARGET_KIND = 'VirtualMachine';
export const TARGET_API_GROUP = 'kubevirt.io';

export const CLONE_PHASES = ['SnapshotInProgress', 'CreatingTargetVM', 'RestoreInProgress', 'Succeeded', 'Failed', 'Unknown'] as const;
export type ClonePhase = (typeof CLONE_PHASES)[number];
