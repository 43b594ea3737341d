// A containerDisk the node's local store does not have, pulled from its registry into the node's
// image cache (src/node/registry/image-cache.ts) with KubeVirt's imagePullPolicy and
// imagePullSecret, and HyperConverged's insecureRegistries for plain-HTTP or unverified registries.
// Any failure is ErrImagePull with the registry's reason.
import { ImportError } from '../../importer/errors.ts';
import { isInsecureRegistry } from '../../importer/registry/reference.ts';
import { defaultPullPolicy, pullToCache, type PullPolicy } from '../registry/image-cache.ts';
import { insecureRegistries } from '../registry/insecure-registries.ts';
import { pullSecretCredentials } from '../registry/pull-secret.ts';
import { VmiFailure } from '../vmi-failure.ts';
import type { Volume, VolumeContext } from './context.ts';
import { parseContainerDiskRef } from './image-ref.ts';

type ContainerDisk = NonNullable<Volume['containerDisk']>;

/** `localMiss` says where the local store was searched, for the message when the pull fails too. */
export async function pullContainerDisk(ctx: VolumeContext, src: ContainerDisk & { image: string }, localMiss: string): Promise<string> {
  const ref = parseContainerDiskRef(src.image);
  const ns = ctx.vmi.metadata.namespace ?? 'default';
  try {
    return await pullToCache({
      ref,
      cacheDir: ctx.cacheDir,
      policy: (src.imagePullPolicy as PullPolicy | undefined) ?? defaultPullPolicy(ref),
      innerPath: src.path,
      access: async () => ({
        host: ref.host,
        insecure: isInsecureRegistry(ref.host, await insecureRegistries(ctx.client)),
        credentials: src.imagePullSecret ? await pullSecretCredentials(ctx.client, ns, src.imagePullSecret, ref.host) : undefined,
        hints: {
          credentials: 'set containerDisk.imagePullSecret to a kubernetes.io/dockerconfigjson Secret',
          trust: 'list the registry in HyperConverged spec.insecureRegistries to pull without verification',
        },
      }),
    });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    throw new VmiFailure('ErrImagePull', `containerDisk image "${src.image}" not found in the node's store (${localMiss}) and not pulled: ${e.message}`);
  }
}
