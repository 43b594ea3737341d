// The clone.kubevirt.io/v1beta1 kind Vireo serves (v1beta1 only: the API server stores one version per kind).
import type { KindDefinition } from '../../machinery/kind.ts';
import { virtualMachineCloneKind } from './virtualmachineclone.ts';

export { CLONE_API_VERSION, CLONE_GROUP, CLONE_PHASES, type ClonePhase } from './common.ts';
export type { VirtualMachineClone, CloneSpec, CloneStatus } from './virtualmachineclone.ts';

export const cloneKinds = [virtualMachineCloneKind] as unknown as KindDefinition[];
