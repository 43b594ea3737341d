// Keeps the VMI's kubevirt.io/vm-generation annotation current when the VM changed in ways that do
// not touch the template spec (a runStrategy change, say), as KubeVirt's
// conditionallyBumpGenerationAnnotationOnVmi does, so status.observedGeneration keeps up.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { TEMPLATE_HASH_ANNOTATION, VM_GENERATION_ANNOTATION } from './names.ts';
import { templateHash } from './vmi-from-vm.ts';

export async function bumpGenerationIfSameTemplate(client: KubeClient, vm: VirtualMachine, vmi: VirtualMachineInstance): Promise<VirtualMachineInstance> {
  const ann = vmi.metadata.annotations ?? {};
  const gen = String(vm.metadata.generation ?? 1);
  if (vmi.metadata.deletionTimestamp || ann[VM_GENERATION_ANNOTATION] === gen || ann[TEMPLATE_HASH_ANNOTATION] !== templateHash(vm)) return vmi;
  return client.mergePatch<VirtualMachineInstance>(R.vmis, vmi.metadata.namespace, vmi.metadata.name!, {
    metadata: { annotations: { [VM_GENERATION_ANNOTATION]: gen }, resourceVersion: vmi.metadata.resourceVersion },
  });
}
