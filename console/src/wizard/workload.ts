// Workload profile → device tuning, as the common templates tune it (seed 002): desktop gives the
// guest a tablet for the graphical console, high performance shares an I/O thread and takes the
// host's CPU model, server adds nothing. Moving from the template's profile to another first takes
// the old profile's tuning away.
import type { Workload } from '../catalog/template-meta.ts';
import { devicesOf, type WizardVm } from './vm-shape.ts';

const TABLET = { name: 'tablet', type: 'tablet', bus: 'virtio' };
const HOST_MODEL = 'host-passthrough';

function untune(vm: WizardVm, from: Workload | undefined): void {
  const domain = vm.spec.template.spec.domain;
  if (from === 'desktop') {
    const devices = devicesOf(vm);
    // Only the tablet desktop added: a Windows template's USB tablet stays.
    devices.inputs = devices.inputs?.filter((i) => !(i.type === 'tablet' && (i.bus ?? 'virtio') === 'virtio'));
    if (devices.inputs?.length === 0) delete devices.inputs;
  }
  if (from === 'highperformance') {
    if (domain.ioThreadsPolicy === 'shared') delete domain.ioThreadsPolicy;
    if (domain.cpu?.model === HOST_MODEL) delete domain.cpu.model;
  }
}

function tune(vm: WizardVm, to: Workload): void {
  const domain = vm.spec.template.spec.domain;
  if (to === 'desktop') {
    const devices = devicesOf(vm);
    if (!devices.inputs?.some((i) => i.type === 'tablet')) devices.inputs = [...(devices.inputs ?? []), { ...TABLET }];
  }
  if (to === 'highperformance') {
    domain.ioThreadsPolicy = 'shared';
    domain.cpu = { ...domain.cpu, model: HOST_MODEL };
  }
}

/** Re-tunes `vm` (made with the `from` profile) for the `to` profile and records it. */
export function applyWorkload(vm: WizardVm, from: Workload | undefined, to: Workload): void {
  if (from !== to) {
    untune(vm, from);
    tune(vm, to);
  }
  const tpl = vm.spec.template;
  tpl.metadata = { ...tpl.metadata, annotations: { ...tpl.metadata?.annotations, 'vm.kubevirt.io/workload': to } };
}
