// Static types of the kubevirt.io/v1 objects, narrowed from KubeObject.
import type { KubeObject } from '../../machinery/object.ts';
import type { VirtualMachineSpec, VirtualMachineStatus } from './virtualmachine-schema.ts';
import type { VirtualMachineInstanceStatus } from './virtualmachineinstance-schema.ts';
import type {
  VirtualMachineInstanceMigrationSpec,
  VirtualMachineInstanceMigrationStatus,
} from './virtualmachineinstancemigration-schema.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

export interface VirtualMachine extends KubeObject {
  spec?: VirtualMachineSpec;
  status?: VirtualMachineStatus;
}

export interface VirtualMachineInstance extends KubeObject {
  spec?: VirtualMachineInstanceSpec;
  status?: VirtualMachineInstanceStatus;
}

export interface VirtualMachineInstanceMigration extends KubeObject {
  spec?: VirtualMachineInstanceMigrationSpec;
  status?: VirtualMachineInstanceMigrationStatus;
}
