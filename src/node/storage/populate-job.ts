// Runs one population (http or registry import, blank, clone, a VM snapshot's copy) for a claim on
// this node, from the request the DataVolume (or restore) controller put on the claim, reporting
// through ClaimReporter. Credentials, CA bundles and HyperConverged's insecure registries are read
// here, through the API.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { PREALLOCATION_REQUESTED_ANNOTATION, usableBytes, type HttpPopulate, type PopulateRequest, type RegistryPopulate } from '../../controllers/storage/protocol.ts';
import { ImportError } from '../../importer/errors.ts';
import type { HttpSourceOptions } from '../../importer/http-source.ts';
import { cloneDisk, createBlank, importHttp, type Target } from '../../importer/populate.ts';
import { importRegistry, type RegistrySourceOptions } from '../../importer/registry-import.ts';
import { restoreFromCopy } from '../../importer/snapshot-restore.ts';
import { snapshotFile } from '../../controllers/snapshot/protocol.ts';
import { isInsecureRegistry, parseDockerUrl } from '../../importer/registry/reference.ts';
import { insecureRegistries } from '../registry/insecure-registries.ts';
import { ownedVolume, type Roots } from './ownership.ts';
import { readAccessKeys, readCaBundle } from './source-secrets.ts';

async function httpOptions(client: KubeClient, ns: string, req: HttpPopulate, signal: AbortSignal): Promise<HttpSourceOptions> {
  const opts: HttpSourceOptions = { url: req.url, extraHeaders: req.extraHeaders, signal };
  if (req.secretRef) opts.basicAuth = await readAccessKeys(client, ns, req.secretRef);
  if (req.certConfigMap) opts.caBundle = await readCaBundle(client, ns, req.certConfigMap);
  return opts;
}

async function registryOptions(client: KubeClient, ns: string, req: RegistryPopulate, signal: AbortSignal): Promise<RegistrySourceOptions> {
  const host = parseDockerUrl(req.url).host;
  return {
    url: req.url,
    access: {
      insecure: isInsecureRegistry(host, await insecureRegistries(client)),
      credentials: req.secretRef ? await readAccessKeys(client, ns, req.secretRef) : undefined,
      caBundle: req.certConfigMap ? await readCaBundle(client, ns, req.certConfigMap) : undefined,
      hints: {
        credentials: 'set secretRef to a Secret with accessKeyId and secretKey',
        trust: "put the registry's CA in a ConfigMap named by certConfigMap, or list the registry in HyperConverged spec.insecureRegistries",
      },
      signal,
    },
  };
}

/** CDI's annotation, from the DataVolume's spec.preallocation. */
export const preallocationRequested = (claim: PersistentVolumeClaim): boolean => claim.metadata.annotations?.[PREALLOCATION_REQUESTED_ANNOTATION] === 'true';

/** The source disk.img of a clone, if it is on this node. */
async function cloneSource(client: KubeClient, roots: Roots, req: Extract<PopulateRequest, { kind: 'clone' }>): Promise<string> {
  const name = `${req.namespace}/${req.name}`;
  const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, req.namespace, req.name);
  if (!pvc?.spec?.volumeName) throw new ImportError(`clone source PersistentVolumeClaim ${name} not found or not bound`);
  const pv = await client.tryGet<PersistentVolume>(R.pvs, undefined, pvc.spec.volumeName);
  const vol = pv && ownedVolume(pv, roots);
  if (!vol) throw new ImportError(`clone source ${name} is not on node ${roots.nodeName}: cloning across nodes is not supported yet`);
  const path = join(vol.dir, 'disk.img');
  if (!(await access(path).then(() => true, () => false))) throw new ImportError(`clone source ${name} has no disk.img`);
  return path;
}

export async function runPopulation(
  client: KubeClient,
  roots: Roots,
  claim: PersistentVolumeClaim,
  dir: string,
  req: PopulateRequest,
  signal: AbortSignal,
  onProgress: (f: number) => void,
): Promise<void> {
  const requestedBytes = parseQuantity(String(claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? 0));
  const target: Target = { dir, sizeBytes: usableBytes(requestedBytes, claim.spec?.volumeMode), requestedBytes, onProgress, preallocate: preallocationRequested(claim) };
  const ns = claim.metadata.namespace ?? 'default';
  switch (req.kind) {
    case 'blank':
      return createBlank(target);
    case 'http':
      return importHttp(target, await httpOptions(client, ns, req, signal), req.checksum);
    case 'registry':
      return importRegistry(target, await registryOptions(client, ns, req, signal));
    case 'clone':
      return cloneDisk(target, await cloneSource(client, roots, req), `${req.namespace}/${req.name}`);
    case 'snapshot':
      return restoreFromCopy(target, snapshotFile(req.shared ? roots.sharedRoot : roots.volumeRoot, req.contentUid, req.volumeName), `snapshot of volume ${req.volumeName}`);
    case 'upload':
      throw new ImportError('an upload is received through the upload endpoint, not run as a population');
  }
}
