// The snapshot.kubevirt.io/v1beta1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { virtualMachineRestoreKind } from './virtualmachinerestore.ts';
import { virtualMachineSnapshotKind } from './virtualmachinesnapshot.ts';
import { virtualMachineSnapshotContentKind } from './virtualmachinesnapshotcontent.ts';

export { SNAPSHOT_API_VERSION, SNAPSHOT_GROUP } from './common.ts';
export type { VirtualMachineSnapshot, SnapshotStatus, Indication } from './virtualmachinesnapshot.ts';
export type { VirtualMachineSnapshotContent, ContentStatus, VolumeBackup, VolumeSnapshotStatus } from './virtualmachinesnapshotcontent.ts';
export type { VirtualMachineRestore, RestoreStatus, VolumeRestore } from './virtualmachinerestore.ts';

export const snapshotKinds = [virtualMachineSnapshotKind, virtualMachineSnapshotContentKind, virtualMachineRestoreKind] as unknown as KindDefinition[];
