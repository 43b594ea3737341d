// KubeVirt's VirtualMachine actions (subresources.kubevirt.io/v1 …/virtualmachines/NAME/{start,stop,restart}).
import type { ApiServer } from '../apiserver/server.ts';

export function registerVmActions(_api: ApiServer): void {
  // Filled in by the VM lifecycle work.
}
