// The VM's next status from what one pass saw (VM, VMI) and decided. Pure: the controller writes
// the result through /status only when it differs from what is stored.
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineStatus } from '../../api/kubevirt/index.ts';
import { vmConditions, type SyncError } from './conditions.ts';
import type { Decision } from './decide.ts';
import { VM_GENERATION_ANNOTATION } from './names.ts';
import { printableStatus, type PrintableContext } from './printable-status.ts';
import { effectiveRunStrategy, firstRequestDone, type StateChangeRequest } from './run-strategy.ts';
import { nextStartFailure } from './start-failure.ts';
import { isDeleting, isFinal, isReady } from './vmi-state.ts';

export interface StatusInput {
  vm: VirtualMachine;
  vmi: VirtualMachineInstance | undefined;
  decision: Decision;
  now: number;
  /** Hook for the DataVolume issue (printableStatus Provisioning). */
  provisioning?: boolean;
  /** What to show while provisioning (default Provisioning). */
  provisioningStatus?: PrintableContext['provisioningStatus'];
  syncError?: SyncError;
}

/** A Start request is done once a VMI exists that is neither finished nor going away. */
const live = (vmi: VirtualMachineInstance) => !isDeleting(vmi) && !isFinal(vmi);

function nextRequests(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, decision: Decision): StateChangeRequest[] {
  // Only the first request is consumed per pass; the next is acted upon in a later pass.
  const reqs = [...(vm.status?.stateChangeRequests ?? [])];
  if (firstRequestDone(vm, vmi, live)) reqs.shift();
  // RerunOnFailure: remember to start again once the failed VMI is gone.
  if (decision.action === 'delete' && decision.addStartRequest && !reqs.some((r) => r.action === 'Start')) reqs.push({ action: 'Start' });
  return reqs;
}

export function computeStatus(input: StatusInput): VirtualMachineStatus {
  const { vm, vmi, decision, now } = input;
  const status: VirtualMachineStatus = structuredClone(vm.status ?? {});
  status.created = !!vmi;
  status.ready = isReady(vmi);
  // As KubeVirt: recorded from the first VMI on, so RerunOnFailure can tell a fresh VM from one
  // whose VMI already ran.
  if (status.runStrategy || status.created) status.runStrategy = effectiveRunStrategy(vm);
  if (vmi) {
    const gen = Number(vmi.metadata.annotations?.[VM_GENERATION_ANNOTATION]);
    if (Number.isInteger(gen)) status.observedGeneration = gen;
    status.desiredGeneration = vm.metadata.generation ?? 1;
  }
  const reqs = nextRequests(vm, vmi, decision);
  if (reqs.length > 0) status.stateChangeRequests = reqs;
  else delete status.stateChangeRequests;
  const startFailure = nextStartFailure(vm, vmi, now);
  if (startFailure) status.startFailure = startFailure;
  else delete status.startFailure;
  const withStatus: VirtualMachine = { ...vm, status };
  status.conditions = vmConditions(withStatus, vmi, { now, syncError: input.syncError, retrying: decision.action !== 'none' });
  status.printableStatus = printableStatus(withStatus, vmi, {
    startExpected: decision.action === 'create',
    stopExpected: decision.action === 'delete',
    provisioning: input.provisioning ?? false,
    provisioningStatus: input.provisioningStatus,
  });
  return status;
}
