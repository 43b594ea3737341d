// The storage controllers the control plane runs: the volume provisioner and the DataVolume controller.
import type { KubeClient } from '../../client/client.ts';
import { DataVolumeController } from './datavolume-controller.ts';
import { ProvisionerController } from './provisioner-controller.ts';

export function storageControllers(client: KubeClient): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [new ProvisionerController(client), new DataVolumeController(client)];
}
