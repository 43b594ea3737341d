// The General step's rules (seed 002): the VM name rule as it is typed, CPU a positive integer,
// memory a positive size, and the chosen source complete — a URL, a container image, a PVC to
// clone, or the template's boot source ready to clone.
import { unavailableReason, type BootSource } from '../catalog/boot-source.ts';
import type { Message } from '../catalog/message.ts';
import { vmNameProblems } from '../catalog/vm-name.ts';
import { imageProblems, positiveIntegerProblems, sizeProblems, urlProblems } from './field-rules.ts';
import type { GeneralState } from './state.ts';

export type GeneralField = 'name' | 'cpus' | 'memory' | 'source' | 'url' | 'image' | 'pvc';

export interface GeneralContext {
  /** VM names already in the project. */
  taken: ReadonlySet<string>;
  /** The template's boot source (for the "template" source). */
  bootSource: BootSource;
  /** NetworkAttachmentDefinitions of the project (PXE needs one). */
  nads: readonly string[];
}

export function generalProblems(g: GeneralState, ctx: GeneralContext): Record<GeneralField, Message[]> {
  const reason = g.source === 'template' ? unavailableReason(ctx.bootSource) : undefined;
  return {
    name: vmNameProblems(g.name, ctx.taken),
    cpus: positiveIntegerProblems(g.cpus, { key: 'wizard.cpuEmpty' }, { key: 'wizard.cpuPositive' }),
    memory: g.memory.value.trim() === '' ? [{ key: 'wizard.memoryEmpty' }] : sizeProblems(g.memory).length > 0 ? [{ key: 'wizard.memoryPositive' }] : [],
    source: reason ? [reason] : g.source === 'pxe' && ctx.nads.length === 0 ? [{ key: 'wizard.pxeNoNads' }] : [],
    url: g.source === 'url' ? urlProblems(g.url) : [],
    image: g.source === 'container' ? imageProblems(g.image) : [],
    pvc: g.source === 'disk' && (!g.pvcNamespace || !g.pvcName) ? [{ key: 'wizard.pvcEmpty' }] : [],
  };
}
