// The clone.kubevirt.io controller the control plane runs.
import type { KubeClient } from '../../client/client.ts';
import { CloneController } from './clone-controller.ts';

export function cloneControllers(client: KubeClient): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [new CloneController(client)];
}
