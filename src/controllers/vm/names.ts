// Names the VM controller and the VM actions share with KubeVirt (finalizers, annotations, event
// reasons) and the few Vireo-specific ones, kept in one place so both sides agree.

/** Held on every VM until its VMI is gone, so the VM shows Terminating while the guest shuts down. */
export const VM_FINALIZER = 'kubevirt.io/virtualMachineControllerFinalize';

/** The VM generation a VMI was created from (KubeVirt's annotation); feeds status.observedGeneration. */
export const VM_GENERATION_ANNOTATION = 'kubevirt.io/vm-generation';

/**
 * Hash of the VM template spec a VMI was created from. KubeVirt keeps the spec in a
 * ControllerRevision; Vireo has none, so the VMI carries a hash and RestartRequired compares it.
 */
export const TEMPLATE_HASH_ANNOTATION = 'vireo.io/vm-template-hash';

/** Read by the node agent: overrides spec.terminationGracePeriodSeconds for this VMI's shutdown. */
export const GRACE_PERIOD_ANNOTATION = 'vireo.io/grace-period-seconds';

/** Start request data key for `start --paused` (KubeVirt's StartRequestDataPausedKey). */
export const START_PAUSED_KEY = 'paused';

/** The component name KubeVirt's VM controller records events under. */
export const EVENT_COMPONENT = 'virtualmachine-controller';

export const Reasons = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
  FailedUpdate: 'FailedUpdate',
} as const;
