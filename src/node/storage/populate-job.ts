// Runs one population (http import, blank, clone) for a claim on this node, from the request the
// DataVolume controller put on the claim, reporting through ClaimReporter. Credentials and CA
// bundles are read here, through the API, from the claim's namespace.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigMap } from '../../api/core/configmap.ts';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { Secret } from '../../api/core/secret.ts';
import { parseQuantity } from '../../api/common/quantity.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { usableBytes, type HttpPopulate, type PopulateRequest } from '../../controllers/storage/protocol.ts';
import { ImportError } from '../../importer/errors.ts';
import type { HttpSourceOptions } from '../../importer/http-source.ts';
import { cloneDisk, createBlank, importHttp, type Target } from '../../importer/populate.ts';
import { ownedVolume, type Roots } from './ownership.ts';

async function httpOptions(client: KubeClient, ns: string, req: HttpPopulate, signal: AbortSignal): Promise<HttpSourceOptions> {
  const opts: HttpSourceOptions = { url: req.url, extraHeaders: req.extraHeaders, signal };
  if (req.secretRef) {
    const s = await client.tryGet<Secret>(R.secrets, ns, req.secretRef);
    if (!s) throw new ImportError(`secretRef: Secret ${ns}/${req.secretRef} not found`);
    const get = (k: string) => (s.data?.[k] !== undefined ? Buffer.from(String(s.data[k]), 'base64').toString() : s.stringData?.[k]);
    const user = get('accessKeyId');
    const password = get('secretKey');
    if (user === undefined || password === undefined) throw new ImportError(`secretRef: Secret ${ns}/${req.secretRef} needs the keys accessKeyId and secretKey`);
    opts.basicAuth = { user, password };
  }
  if (req.certConfigMap) {
    const cm = await client.tryGet<ConfigMap>(R.configmaps, ns, req.certConfigMap);
    if (!cm) throw new ImportError(`certConfigMap: ConfigMap ${ns}/${req.certConfigMap} not found`);
    const pems = Object.values(cm.data ?? {}).filter((v) => v.includes('BEGIN CERTIFICATE'));
    if (pems.length === 0) throw new ImportError(`certConfigMap: ConfigMap ${ns}/${req.certConfigMap} holds no PEM certificate`);
    opts.caBundle = pems.join('\n');
  }
  return opts;
}

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
  const target: Target = { dir, sizeBytes: usableBytes(requestedBytes, claim.spec?.volumeMode), requestedBytes, onProgress };
  const ns = claim.metadata.namespace ?? 'default';
  switch (req.kind) {
    case 'blank':
      return createBlank(target);
    case 'http':
      return importHttp(target, await httpOptions(client, ns, req, signal));
    case 'clone':
      return cloneDisk(target, await cloneSource(client, roots, req), `${req.namespace}/${req.name}`);
  }
}
