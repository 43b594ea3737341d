// The VM the wizard creates: the template's VM as the API processed it, with the user's changes
// applied step by step — name, project and description; start → runStrategy; flavor → CPU and
// memory; workload profile; NICs; disks; cloud-init; eviction strategy. Pure: the same input
// always gives the same object, which is what Review shows and Create posts.
import type { Workload } from '../catalog/template-meta.ts';
import { applyCloudInit } from './cloud-init.ts';
import { applyDisks } from './disks.ts';
import { applyFlavor } from './flavor.ts';
import { applyNics } from './nics.ts';
import { quantity, type WizardState } from './state.ts';
import { applyWorkload } from './workload.ts';
import type { WizardVm } from './vm-shape.ts';

export interface BuildInput {
  /** The VM of the processed template (NAME already the wizard's name). */
  base: WizardVm;
  state: WizardState;
  namespace: string;
  /** The profile the template's VM was made for, so another one can undo its tuning. */
  templateWorkload?: Workload;
}

export function buildVm({ base, state, namespace, templateWorkload }: BuildInput): WizardVm {
  const vm = structuredClone(base);
  const g = state.general;
  const annotations = { ...vm.metadata.annotations };
  if (g.description.trim()) annotations.description = g.description.trim();
  else delete annotations.description;
  vm.metadata = { ...vm.metadata, name: g.name, namespace, annotations };
  if (Object.keys(annotations).length === 0) delete vm.metadata.annotations;

  // runStrategy and running are exclusive: the start box decides through runStrategy alone.
  delete vm.spec.running;
  vm.spec.runStrategy = g.start ? 'Always' : 'Halted';

  applyFlavor(vm, g.flavor, { cpus: Number(g.cpus), memory: quantity(g.memory) });
  applyWorkload(vm, templateWorkload, g.workload);
  applyNics(vm, state);
  applyDisks(vm, state);
  applyCloudInit(vm, state);

  const spec = vm.spec.template.spec;
  if (state.evictionStrategy) spec.evictionStrategy = state.evictionStrategy;
  else delete spec.evictionStrategy;
  return vm;
}
