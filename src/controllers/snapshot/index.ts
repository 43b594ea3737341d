// The snapshot.kubevirt.io controllers the control plane runs: snapshots (and their contents) and restores.
import type { KubeClient } from '../../client/client.ts';
import { RestoreController } from './restore-controller.ts';
import { SnapshotController } from './snapshot-controller.ts';

export function snapshotControllers(client: KubeClient): { start(): Promise<void>; stop(): Promise<void> }[] {
  return [new SnapshotController(client), new RestoreController(client)];
}
