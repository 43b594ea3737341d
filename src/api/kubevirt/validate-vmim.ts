// Admission rules of a VirtualMachineInstanceMigration: it must name the VMI to migrate.
import type { FieldError } from '../../machinery/kind.ts';
import { invalid, required } from '../common/field-error.ts';
import { validateDnsSubdomainName } from '../common/names.ts';
import type { VirtualMachineInstanceMigration } from './types.ts';

export function validateMigration(vmim: VirtualMachineInstanceMigration): FieldError[] {
  const name = vmim.spec?.vmiName;
  if (!name) return [required('spec.vmiName', 'spec.vmiName: required: the name of the VirtualMachineInstance to migrate')];
  return validateDnsSubdomainName(name).map((m) => invalid('spec.vmiName', `spec.vmiName: ${m}`));
}
