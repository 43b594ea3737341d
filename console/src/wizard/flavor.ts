// Flavor → CPU and memory. Seed 002: a flavor is a preset whose values depend on the operating
// system, so tiny…large take the CPU and memory of the same OS's template with that flavor (the
// same workload first); an OS without one gets the common templates' standard sizes. Custom keeps
// what the user typed.
import type { Template } from '../api/types.ts';
import { templateFlavor, templateOs, templateWorkload } from '../catalog/template-meta.ts';
import { templateVm, vmSize } from '../catalog/template-vm.ts';
import type { Flavor } from './state.ts';
import type { WizardVm } from './vm-shape.ts';

export type PresetFlavor = Exclude<Flavor, 'custom'>;
export const PRESET_FLAVORS: readonly PresetFlavor[] = ['tiny', 'small', 'medium', 'large'];

export interface FlavorSize {
  cpus: number;
  memory: string;
}

/** KubeVirt common-templates' sizes, for flavors the OS has no template of. */
export const STANDARD_FLAVORS: Record<PresetFlavor, FlavorSize> = {
  tiny: { cpus: 1, memory: '1.5Gi' },
  small: { cpus: 1, memory: '2Gi' },
  medium: { cpus: 1, memory: '4Gi' },
  large: { cpus: 2, memory: '8Gi' },
};

/** Each preset flavor's size for `template`'s OS, from the catalog's templates. */
export function flavorPresets(template: Template, templates: readonly Template[]): Record<PresetFlavor, FlavorSize> {
  const os = templateOs(template);
  const workload = templateWorkload(template);
  const sameOs = templates.filter((t) => templateOs(t) === os);
  const out = { ...STANDARD_FLAVORS };
  for (const f of PRESET_FLAVORS) {
    const withFlavor = [template, ...sameOs].filter((t) => templateFlavor(t) === f);
    const pick = withFlavor.find((t) => templateWorkload(t) === workload) ?? withFlavor[0];
    const size = pick && vmSize(templateVm(pick));
    if (size?.memory) out[f] = { cpus: size.cpus, memory: size.memory };
  }
  return out;
}

/** Sets the VM's CPU count (as sockets, the common templates' topology) and guest memory. */
export function applyFlavor(vm: WizardVm, flavor: Flavor, size: FlavorSize): void {
  const tpl = vm.spec.template;
  const domain = tpl.spec.domain;
  domain.cpu = { ...domain.cpu, sockets: size.cpus, cores: 1, threads: 1 };
  domain.memory = { ...domain.memory, guest: size.memory };
  // A template that requests memory as a resource keeps request and guest size in step.
  if (domain.resources?.requests?.memory) domain.resources.requests.memory = size.memory;
  tpl.metadata = { ...tpl.metadata };
  tpl.metadata.labels = { ...tpl.metadata.labels, 'kubevirt.io/size': flavor };
  tpl.metadata.annotations = { ...tpl.metadata.annotations, 'vm.kubevirt.io/flavor': flavor };
}
