// kubevirt.io/v1 VirtualMachine, declared once.
import { defineKind } from '../../machinery/kind.ts';
import { defaultVirtualMachine } from './defaults.ts';
import type { VirtualMachine } from './types.ts';
import { validateVirtualMachine } from './validate-vm.ts';
import { validateVmLocks } from './validate-vm-locks.ts';
import { VirtualMachineSchema } from './virtualmachine-schema.ts';
import { instancetypeConflicts } from '../instancetype/conflicts.ts';

export const virtualMachineKind = defineKind<VirtualMachine>({
  group: 'kubevirt.io',
  version: 'v1',
  kind: 'VirtualMachine',
  plural: 'virtualmachines',
  singular: 'virtualmachine',
  shortNames: ['vm', 'vms'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineSchema,
  hasStatus: true,
  // As in KubeVirt: NAME, AGE, STATUS, READY (the server prints NAME itself).
  printerColumns: [
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'Status', type: 'string', jsonPath: '.status.printableStatus', description: 'Human readable status' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  ],
  defaults: defaultVirtualMachine,
  validate: (vm, ctx) => [...validateVirtualMachine(vm), ...instancetypeConflicts(vm), ...validateVmLocks(vm, ctx.old as VirtualMachine | undefined)],
  subresources: ['start', 'stop', 'restart', 'migrate'],
});
