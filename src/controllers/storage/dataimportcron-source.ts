// What a DataImportCron's source holds now, as a digest. For a registry this is the manifest digest
// of the tag: the control plane reads only the manifest here (with the same registry client, trust
// and credentials the node's importer uses) and never a layer — the disk itself is pulled by the
// DataVolume on the node, pinned to that digest. For http it is the URL's ETag / Last-Modified
// (headers of a GET whose body is not read). Failures are ImportErrors with one line a user can act on.
import type { DataVolumeSpec } from '../../api/kubevirt/datavolume-spec.ts';
import type { KubeClient } from '../../client/client.ts';
import { ImportError, describe } from '../../importer/errors.ts';
import { RegistryClient } from '../../importer/registry/client.ts';
import { formatReference, isInsecureRegistry, parseDockerUrl } from '../../importer/registry/reference.ts';
import { httpGet } from '../../importer/registry/transport.ts';
// Plain API reads of HyperConverged and of secretRef / certConfigMap, shared with the node's importer.
import { insecureRegistries } from '../../node/registry/insecure-registries.ts';
import { readAccessKeys, readCaBundle } from '../../node/storage/source-secrets.ts';
import { httpVersionDigest } from './dataimportcron-logic.ts';

const PROBE_TIMEOUT_MS = 15_000;

export interface SourceVersion {
  digest: string;
  /** The DataVolume source to import exactly this version (a registry URL pinned to the digest). */
  source: NonNullable<DataVolumeSpec['source']>;
}

export async function resolveSource(client: KubeClient, ns: string, source: DataVolumeSpec['source']): Promise<SourceVersion> {
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  if (source?.registry?.url) {
    const reg = source.registry;
    const url = reg.url!;
    const ref = parseDockerUrl(url);
    const rc = new RegistryClient({
      host: ref.host,
      insecure: isInsecureRegistry(ref.host, await insecureRegistries(client)),
      credentials: reg.secretRef ? await readAccessKeys(client, ns, reg.secretRef) : undefined,
      caBundle: reg.certConfigMap ? await readCaBundle(client, ns, reg.certConfigMap) : undefined,
      hints: {
        credentials: 'set secretRef to a Secret with accessKeyId and secretKey',
        trust: "put the registry's CA in a ConfigMap named by certConfigMap, or list the registry in HyperConverged spec.insecureRegistries",
      },
      signal,
      idleTimeoutMs: PROBE_TIMEOUT_MS,
    });
    const { digest } = await rc.manifest(ref.repository, ref.reference, url.replace(/^docker:\/\//, ''));
    return { digest, source: { registry: { ...reg, url: `docker://${formatReference({ ...ref, reference: digest })}` } } };
  }
  if (source?.http) {
    const h = source.http;
    const caBundle = h.certConfigMap ? await readCaBundle(client, ns, h.certConfigMap) : undefined;
    const creds = h.secretRef ? await readAccessKeys(client, ns, h.secretRef) : undefined;
    const headers: Record<string, string> = creds ? { Authorization: `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}` } : {};
    let res;
    try {
      res = await httpGet(new URL(h.url), headers, { caBundle, signal, idleTimeoutMs: PROBE_TIMEOUT_MS });
    } catch (e) {
      throw describe(e, h.url);
    }
    // Only the headers matter: the node downloads the body when the DataVolume runs.
    res.destroy();
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) throw new ImportError(`${h.url}: HTTP ${code} ${res.statusMessage ?? ''}`);
    const header = (n: string) => {
      const v = res.headers[n];
      return Array.isArray(v) ? v[0] : v;
    };
    return { digest: httpVersionDigest(h.url, header('etag'), header('last-modified')), source: { http: h } };
  }
  throw new ImportError('the template has no registry or http source');
}
