// The VMI a VM creates: its template (metadata and spec), named after the VM, owned by it, with a
// stable firmware UUID and interface MACs, and annotations that record which VM spec it came from.
import { createHash } from 'node:crypto';
import type { OwnerReference } from '../../machinery/object.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { firmwareUuid, stableMac } from './identity.ts';
import { TEMPLATE_HASH_ANNOTATION, VM_GENERATION_ANNOTATION } from './names.ts';
import { hasStartPausedRequest } from './run-strategy.ts';

/** JSON with object keys sorted, so equal values hash equally whatever order the store kept. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Hash of the VM's template spec: what RestartRequired compares against the running VMI's. */
export function templateHash(vm: VirtualMachine): string {
  return createHash('sha256').update(stableJson(vm.spec?.template?.spec ?? {})).digest('hex').slice(0, 16);
}

export function controllerRef(vm: VirtualMachine): OwnerReference {
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: vm.metadata.name!, uid: vm.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function buildVmi(vm: VirtualMachine): VirtualMachineInstance {
  const tmpl = structuredClone(vm.spec!.template);
  const spec = tmpl.spec;
  const ns = vm.metadata.namespace!;
  spec.domain.firmware = { ...(spec.domain.firmware ?? {}), uuid: spec.domain.firmware?.uuid || firmwareUuid(ns, vm.metadata.name!) };
  for (const iface of spec.domain.devices?.interfaces ?? []) {
    iface.macAddress ||= stableMac(vm.metadata.uid!, iface.name);
  }
  if (hasStartPausedRequest(vm)) spec.startStrategy = 'Paused';
  // The template's labels and annotations, as KubeVirt copies them; the VMI is found by its name.
  const annotations: Record<string, string> = {
    ...(tmpl.metadata?.annotations ?? {}),
    [VM_GENERATION_ANNOTATION]: String(vm.metadata.generation ?? 1),
    [TEMPLATE_HASH_ANNOTATION]: templateHash(vm),
  };
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: {
      name: vm.metadata.name,
      namespace: ns,
      ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
      annotations,
      ownerReferences: [controllerRef(vm)],
    },
    spec,
  };
}
