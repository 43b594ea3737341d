// A VM that names an instance type must leave the sizes to it: KubeVirt refuses a VM whose template
// also sets CPU topology or memory, naming each conflicting field.
import type { FieldError } from '../../machinery/kind.ts';
import type { VirtualMachine } from '../kubevirt/types.ts';

const DOMAIN = 'spec.template.spec.domain';

/** Every field of the VM's template that its instance type owns, as an admission error. */
export function instancetypeConflicts(vm: VirtualMachine): FieldError[] {
  const it = vm.spec?.instancetype;
  const d = vm.spec?.template?.spec?.domain;
  if (!it || !d) return [];
  const set: string[] = [];
  for (const k of ['sockets', 'cores', 'threads', 'model', 'dedicatedCpuPlacement'] as const) if (d.cpu?.[k] !== undefined) set.push(`cpu.${k}`);
  if (d.memory?.guest !== undefined) set.push('memory.guest');
  for (const list of ['requests', 'limits'] as const) {
    for (const r of ['cpu', 'memory'] as const) if (d.resources?.[list]?.[r] !== undefined) set.push(`resources.${list}.${r}`);
  }
  const name = it.name ?? it.inferFromVolume ?? '';
  return set.map((f) => ({
    field: `${DOMAIN}.${f}`,
    message: `Invalid value: VM field ${DOMAIN}.${f} conflicts with selected instance type ${name}: the instance type sets CPU and memory; remove ${f} from the VM or drop spec.instancetype`,
    reason: 'FieldValueInvalid',
  }));
}
