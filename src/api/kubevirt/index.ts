// The kubevirt.io/v1 kinds and their types.
import type { KindDefinition } from '../../machinery/kind.ts';
import { virtualMachineKind } from './virtualmachine.ts';
import { virtualMachineInstanceKind } from './virtualmachineinstance.ts';
import { virtualMachineInstanceMigrationKind } from './virtualmachineinstancemigration.ts';

export { virtualMachineKind, virtualMachineInstanceKind, virtualMachineInstanceMigrationKind };
export type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from './types.ts';
export type { VirtualMachineSpec, VirtualMachineStatus } from './virtualmachine-schema.ts';
export type { VirtualMachineInstanceStatus } from './virtualmachineinstance-schema.ts';
export type { VirtualMachineInstanceMigrationSpec, VirtualMachineInstanceMigrationStatus } from './virtualmachineinstancemigration-schema.ts';
export { VirtualMachineInstanceSpecSchema, type VirtualMachineInstanceSpec } from './vmi-spec.ts';
export { DataVolumeSpecSchema, type DataVolumeSpec } from './datavolume-spec.ts';
export type { MigrationState } from './migration-state.ts';

// Each definition narrows KubeObject for its own hooks; the hooks are methods, so they fit KindDefinition.
export const kubevirtKinds: KindDefinition[] = [
  virtualMachineKind,
  virtualMachineInstanceKind,
  virtualMachineInstanceMigrationKind,
];
