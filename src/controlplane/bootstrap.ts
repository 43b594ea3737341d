// Objects that exist from the first start: the standard namespaces, Vireo's system namespace and
// the one HyperConverged configuration object. Created only when missing, so re-runs keep edits.
import type { KubeObject } from '../machinery/object.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { ApiError } from '../apiserver/status.ts';

export const SYSTEM_NAMESPACE = 'vireo-system';
export const OS_IMAGES_NAMESPACE = 'vireo-os-images';
export const HCO_NAME = 'kubevirt-hyperconverged';

const namespaces = ['default', 'kube-system', 'kube-public', SYSTEM_NAMESPACE, OS_IMAGES_NAMESPACE];

function bootstrapObjects(): KubeObject[] {
  return [
    ...namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    // Vireo's two classes (src/controllers/storage/): node-local disks, the default; and a directory
    // every node mounts (its `path` parameter, else each node's <dataDir>/shared) for RWX.
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'vireo.io/local',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    } as KubeObject,
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'shared' },
      provisioner: 'vireo.io/shared',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    } as KubeObject,
    {
      apiVersion: 'hco.kubevirt.io/v1beta1',
      kind: 'HyperConverged',
      metadata: { name: HCO_NAME, namespace: SYSTEM_NAMESPACE },
      spec: {},
    },
  ];
}

export async function bootstrap(api: ApiServer): Promise<void> {
  for (const obj of bootstrapObjects()) {
    const def = api.index.kind(obj.apiVersion, obj.kind);
    if (!def) throw new Error(`bootstrap: kind ${obj.apiVersion}/${obj.kind} is not served`);
    const existing = await api.objects.tryGet(def, obj.metadata.namespace, obj.metadata.name!);
    if (existing) continue;
    try {
      await api.objects.create(def, obj.metadata.namespace, obj, { fieldManager: 'vireo-bootstrap' });
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
  }
}
