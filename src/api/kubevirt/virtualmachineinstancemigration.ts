// kubevirt.io/v1 VirtualMachineInstanceMigration, declared once.
import { defineKind } from '../../machinery/kind.ts';
import type { VirtualMachineInstanceMigration } from './types.ts';
import { validateMigration } from './validate-vmim.ts';
import { VirtualMachineInstanceMigrationSchema } from './virtualmachineinstancemigration-schema.ts';

export const virtualMachineInstanceMigrationKind = defineKind<VirtualMachineInstanceMigration>({
  group: 'kubevirt.io',
  version: 'v1',
  kind: 'VirtualMachineInstanceMigration',
  plural: 'virtualmachineinstancemigrations',
  singular: 'virtualmachineinstancemigration',
  shortNames: ['vmim', 'vmims'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineInstanceMigrationSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase', description: 'The current phase of VM instance migration' },
    { name: 'VMI', type: 'string', jsonPath: '.spec.vmiName', description: 'The name of the VMI to perform the migration on' },
  ],
  validate: (vmim) => validateMigration(vmim),
});
