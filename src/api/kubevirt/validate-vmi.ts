// Admission rules of a VirtualMachineInstance: metadata, then its VMI spec under spec.
import type { FieldError } from '../../machinery/kind.ts';
import { required } from '../common/field-error.ts';
import type { VirtualMachineInstance } from './types.ts';
import { validateVmMetadata } from './validate-metadata.ts';
import { validateVmiSpec } from './validate-vmi-spec.ts';

export function validateVirtualMachineInstance(vmi: VirtualMachineInstance): FieldError[] {
  const errs = validateVmMetadata(vmi.metadata);
  if (!vmi.spec) return [...errs, required('spec', 'spec: a VirtualMachineInstance needs a spec with a domain')];
  return [...errs, ...validateVmiSpec(vmi.spec, 'spec')];
}
