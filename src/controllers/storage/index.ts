// The storage controllers the control plane runs: the volume provisioner, the DataVolume controller,
// the DataSource controller, the DataImportCron controller and the upload-target controller for plain claims.
import type { KubeClient } from '../../client/client.ts';
import { DataImportCronController } from './dataimportcron-controller.ts';
import { DataSourceController } from './datasource-controller.ts';
import { DataVolumeController } from './datavolume-controller.ts';
import { ProvisionerController } from './provisioner-controller.ts';
import { UploadClaimController } from './upload-claim-controller.ts';

export function storageControllers(client: KubeClient): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [new ProvisionerController(client), new DataVolumeController(client), new DataSourceController(client), new DataImportCronController(client), new UploadClaimController(client)];
}
