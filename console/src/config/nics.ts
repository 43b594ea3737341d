// The Network sub-tab: the VM's NICs as table rows, and the patches that add or remove one. A NIC
// is an interface in domain.devices.interfaces plus the network of the same name: the pod network
// with masquerade binding, or a NetworkAttachmentDefinition (Multus) with bridge binding.
import { bindingOf } from '../wizard/nics.ts';
import type { WizardNic } from '../wizard/state.ts';
import type { VmInterface, VmNetwork } from '../wizard/vm-shape.ts';
import { appendOps, removeAtOps, setOps, type PatchOp } from './json-patch.ts';
import { DEVICES, SPEC, templateSpecOf, type ConfigVm } from './vm-view.ts';

export interface NicRow {
  name: string;
  model: string;
  /** '' for the pod network, else the NetworkAttachmentDefinition's name. */
  network: string;
  binding: string;
  mac: string;
}

const BINDINGS = ['masquerade', 'bridge', 'sriov'] as const;

export function nicRows(vm: ConfigVm): NicRow[] {
  const spec = templateSpecOf(vm);
  return (spec.domain?.devices?.interfaces ?? []).map((i) => ({
    name: i.name,
    model: i.model ?? 'virtio',
    network: spec.networks?.find((n) => n.name === i.name)?.multus?.networkName ?? '',
    binding: BINDINGS.find((b) => i[b] !== undefined) ?? '',
    mac: i.macAddress ?? '',
  }));
}

/** The VM's NICs as the wizard's NIC rules take them (id = name). */
export const wizardNicsOf = (vm: ConfigVm): WizardNic[] =>
  nicRows(vm).map((r) => ({ id: r.name, name: r.name, model: r.model === 'e1000e' ? 'e1000e' : 'virtio', network: r.network, mac: r.mac }));

/** The ops that add `nic`: masquerade on the pod network, bridge on a NetworkAttachmentDefinition. */
export function addNicOps(vm: ConfigVm, nic: WizardNic): PatchOp[] {
  const iface: VmInterface = { name: nic.name, model: nic.model, [bindingOf(nic)]: {} };
  if (nic.mac.trim()) iface.macAddress = nic.mac.trim();
  const network: VmNetwork = nic.network ? { name: nic.name, multus: { networkName: nic.network } } : { name: nic.name, pod: {} };
  return [...appendOps(vm, [...DEVICES, 'interfaces'], iface), ...appendOps(vm, [...SPEC, 'networks'], network)];
}

/**
 * The ops that remove NIC `name`. Removing the last one also turns off autoattachPodInterface, or
 * KubeVirt would give the VM a pod network NIC of its own at the next start.
 */
export function removeNicOps(vm: ConfigVm, name: string): PatchOp[] {
  const spec = templateSpecOf(vm);
  const ifaces = spec.domain?.devices?.interfaces ?? [];
  const i = ifaces.findIndex((x) => x.name === name);
  const ops = [...removeAtOps(vm, [...DEVICES, 'interfaces'], i), ...removeAtOps(vm, [...SPEC, 'networks'], (spec.networks ?? []).findIndex((n) => n.name === name))];
  if (i >= 0 && ifaces.length === 1) ops.push(...setOps(vm, [...DEVICES, 'autoattachPodInterface'], false));
  return ops;
}
