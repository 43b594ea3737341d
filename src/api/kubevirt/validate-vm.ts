// Admission rules of a VirtualMachine: its own fields, then the template's VMI spec under
// spec.template.spec.
import type { FieldError } from '../../machinery/kind.ts';
import { duplicate, forbidden, invalid, required } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import { validateDnsSubdomainName } from '../common/names.ts';
import { RUN_STRATEGIES } from './enums.ts';
import type { VirtualMachine } from './types.ts';
import { checkEnum } from './validate-enum.ts';
import { validateVmMetadata } from './validate-metadata.ts';
import { validateVmiSpec } from './validate-vmi-spec.ts';

export function validateVirtualMachine(vm: VirtualMachine): FieldError[] {
  const errs = validateVmMetadata(vm.metadata);
  const spec = vm.spec;
  if (!spec) return [...errs, required('spec', 'spec: a VirtualMachine needs a spec with a template')];

  if (spec.running !== undefined && spec.runStrategy !== undefined) {
    errs.push(forbidden('spec.running', 'spec.running: running and runStrategy are mutually exclusive: remove spec.running and keep spec.runStrategy'));
  }
  errs.push(...checkEnum('spec.runStrategy', spec.runStrategy, RUN_STRATEGIES));

  const dvts = spec.dataVolumeTemplates ?? [];
  const firstUse = new Map<string, number>();
  dvts.forEach((t, i) => {
    const f = fieldPath(indexPath('spec.dataVolumeTemplates', i), 'metadata.name');
    const name = t.metadata.name;
    if (!name) {
      errs.push(required(f, `${f}: a dataVolumeTemplate needs a name (volumes refer to it by dataVolume.name)`));
      return;
    }
    errs.push(...validateDnsSubdomainName(name).map((m) => invalid(f, `${f}: ${m}`)));
    const first = firstUse.get(name);
    if (first === undefined) firstUse.set(name, i);
    else errs.push(duplicate(f, `${f}: duplicate name "${name}", already used by spec.dataVolumeTemplates[${first}]: names must be unique`));
  });

  if (spec.template?.spec) {
    errs.push(...validateVmiSpec(spec.template.spec, 'spec.template.spec', { hasInstancetype: !!spec.instancetype }));
  }
  return errs;
}
