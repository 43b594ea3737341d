// The storage controllers the control plane runs: the volume provisioner, the DataVolume controller
// and the DataSource controller.
import type { KubeClient } from '../../client/client.ts';
import { DataSourceController } from './datasource-controller.ts';
import { DataVolumeController } from './datavolume-controller.ts';
import { ProvisionerController } from './provisioner-controller.ts';

export function storageControllers(client: KubeClient): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [new ProvisionerController(client), new DataVolumeController(client), new DataSourceController(client)];
}
