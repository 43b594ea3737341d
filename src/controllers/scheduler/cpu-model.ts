// CPU model and feature policies (seed §6.13.7), checked against the labels the node agent puts on
// its Node. A named model needs cpu-model.node.kubevirt.io/<model>; host-model and host-passthrough
// take whatever the node has. Features: require (the default) needs the node's feature label,
// forbid needs its absence; force, optional and disable place no constraint on the node.
import type { Node } from '../../api/core/node.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import { REASON } from './reasons.ts';

export const CPU_MODEL_LABEL = 'cpu-model.node.kubevirt.io/';
export const CPU_FEATURE_LABEL = 'cpu-feature.node.kubevirt.io/';
const HOST_MODES = new Set(['host-model', 'host-passthrough']);

/** The model the guest gets: its own, else the cluster's defaultCPUModel, else host-model. */
export function effectiveCPUModel(vmi: VirtualMachineInstance, defaultCPUModel: string | undefined): string {
  return vmi.spec?.domain?.cpu?.model || defaultCPUModel || 'host-model';
}

/** The reason the node cannot run the VMI's CPU, or undefined when it can. */
export function cpuMismatch(vmi: VirtualMachineInstance, node: Node, defaultCPUModel: string | undefined): string | undefined {
  const labels = node.metadata.labels ?? {};
  const model = effectiveCPUModel(vmi, defaultCPUModel);
  if (!HOST_MODES.has(model) && labels[CPU_MODEL_LABEL + model] !== 'true') return REASON.cpuModel;
  for (const f of vmi.spec?.domain?.cpu?.features ?? []) {
    const has = labels[CPU_FEATURE_LABEL + f.name] === 'true';
    const policy = f.policy ?? 'require';
    if (policy === 'require' && !has) return REASON.cpuFeatures;
    if (policy === 'forbid' && has) return REASON.cpuForbidden;
  }
  return undefined;
}
