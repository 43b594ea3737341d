// NIC list → the VM's interfaces and networks. Each NIC is an interface and a network of the same
// name: the pod network with masquerade binding, or a Multus NetworkAttachmentDefinition with bridge
// binding (seed 002: masquerade is the one binding for the pod network, bridge for secondary ones).
// With a PXE source the first bridged NIC boots first. Other fields of a template's interface
// (ports, …) are kept. No NIC at all means no network, not KubeVirt's automatic pod one.
import type { WizardNic, WizardState } from './state.ts';
import type { VmInterface, VmNetwork, WizardVm } from './vm-shape.ts';

export type Binding = 'masquerade' | 'bridge';

export const bindingOf = (nic: Pick<WizardNic, 'network'>): Binding => (nic.network ? 'bridge' : 'masquerade');

/** The NIC that PXE boots from: the first one on a NetworkAttachmentDefinition. */
export const pxeNic = (nics: readonly WizardNic[]): WizardNic | undefined => nics.find((n) => n.network !== '');

export function applyNics(vm: WizardVm, state: WizardState): void {
  const spec = vm.spec.template.spec;
  const baseIfaces = spec.domain.devices?.interfaces ?? [];
  const boot = state.general.source === 'pxe' ? pxeNic(state.nics) : undefined;
  const interfaces: VmInterface[] = state.nics.map((nic) => {
    const iface: VmInterface = { ...baseIfaces.find((i) => i.name === nic.id), name: nic.name, model: nic.model };
    delete iface.masquerade;
    delete iface.bridge;
    delete iface.sriov;
    delete iface.macAddress;
    delete iface.bootOrder;
    iface[bindingOf(nic)] = {};
    if (nic.mac.trim()) iface.macAddress = nic.mac.trim();
    if (nic === boot) iface.bootOrder = 1;
    return iface;
  });
  const networks: VmNetwork[] = state.nics.map((nic) => (nic.network ? { name: nic.name, multus: { networkName: nic.network } } : { name: nic.name, pod: {} }));
  const devices = (spec.domain.devices ??= {});
  if (interfaces.length === 0) {
    // No NIC at all (seed 002 allows it): KubeVirt would otherwise add a pod network by itself.
    delete devices.interfaces;
    delete spec.networks;
    devices.autoattachPodInterface = false;
    return;
  }
  devices.interfaces = interfaces;
  spec.networks = networks;
}
