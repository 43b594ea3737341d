// kubevirt.io/v1 VirtualMachineInstance, declared once.
import { defineKind } from '../../machinery/kind.ts';
import { defaultVirtualMachineInstance } from './defaults.ts';
import type { VirtualMachineInstance } from './types.ts';
import { validateVirtualMachineInstance } from './validate-vmi.ts';
import { VirtualMachineInstanceSchema } from './virtualmachineinstance-schema.ts';

export const virtualMachineInstanceKind = defineKind<VirtualMachineInstance>({
  group: 'kubevirt.io',
  version: 'v1',
  kind: 'VirtualMachineInstance',
  plural: 'virtualmachineinstances',
  singular: 'virtualmachineinstance',
  shortNames: ['vmi', 'vmis'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineInstanceSchema,
  hasStatus: true,
  // As in KubeVirt: NAME, AGE, PHASE, IP, NODENAME, READY; -o wide adds LIVE-MIGRATABLE and PAUSED.
  printerColumns: [
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'IP', type: 'string', jsonPath: '.status.interfaces[0].ipAddress' },
    { name: 'NodeName', type: 'string', jsonPath: '.status.nodeName' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Live-Migratable', type: 'string', jsonPath: '.status.conditions[?(@.type=="LiveMigratable")].status', priority: 1 },
    { name: 'Paused', type: 'string', jsonPath: '.status.conditions[?(@.type=="Paused")].status', priority: 1 },
  ],
  defaults: defaultVirtualMachineInstance,
  validate: (vmi) => validateVirtualMachineInstance(vmi),
  subresources: ['pause', 'unpause', 'softreboot', 'reset', 'console', 'vnc', 'guestosinfo'],
});
