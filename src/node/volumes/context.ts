// What a volume resolver may use: the VMI, its run dir, the node's image store and PVC lookup.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import type { RunDir } from '../run-dir.ts';
import type { PvcResolver } from './pvc.ts';

export interface VolumeContext {
  client: KubeClient;
  vmi: VirtualMachineInstance;
  run: RunDir;
  nodeName: string;
  /** Local container-disk store (`<dataDir>/images` by default). */
  imageDir: string;
  /** Per-node cache of disks extracted from OCI layouts. */
  cacheDir: string;
  pvcs: PvcResolver;
}

export type Volume = NonNullable<NonNullable<VirtualMachineInstance['spec']>['volumes']>[number];
