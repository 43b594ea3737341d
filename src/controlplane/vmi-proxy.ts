// KubeVirt's VirtualMachineInstance subresources, proxied to the node agent that runs the guest
// (pause, unpause, softreboot, reset, console, vnc, guestosinfo, console log).
import type { ApiServer } from '../apiserver/server.ts';

export function registerVmiProxy(_api: ApiServer): void {
  // Filled in by the console/actions work.
}
