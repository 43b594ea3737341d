// What a DataVolume source names in its namespace, read through the API: the Secret of secretRef
// (CDI's accessKeyId / secretKey) and the CA bundle ConfigMap of certConfigMap.
import type { ConfigMap } from '../../api/core/configmap.ts';
import type { Secret } from '../../api/core/secret.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { ImportError } from '../../importer/errors.ts';

export async function readAccessKeys(client: KubeClient, ns: string, name: string): Promise<{ user: string; password: string }> {
  const s = await client.tryGet<Secret>(R.secrets, ns, name);
  if (!s) throw new ImportError(`secretRef: Secret ${ns}/${name} not found`);
  const get = (k: string) => (s.data?.[k] !== undefined ? Buffer.from(String(s.data[k]), 'base64').toString() : s.stringData?.[k]);
  const user = get('accessKeyId');
  const password = get('secretKey');
  if (user === undefined || password === undefined) throw new ImportError(`secretRef: Secret ${ns}/${name} needs the keys accessKeyId and secretKey`);
  return { user, password };
}

export async function readCaBundle(client: KubeClient, ns: string, name: string): Promise<string> {
  const cm = await client.tryGet<ConfigMap>(R.configmaps, ns, name);
  if (!cm) throw new ImportError(`certConfigMap: ConfigMap ${ns}/${name} not found`);
  const pems = Object.values(cm.data ?? {}).filter((v) => v.includes('BEGIN CERTIFICATE'));
  if (pems.length === 0) throw new ImportError(`certConfigMap: ConfigMap ${ns}/${name} holds no PEM certificate`);
  return pems.join('\n');
}
