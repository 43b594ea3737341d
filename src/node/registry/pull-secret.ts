// containerDisk.imagePullSecret: a kubernetes.io/dockerconfigjson Secret in the VMI's namespace,
// whose `auths` map registries (written as host, https://host or https://host/v1/) to
// credentials (`auth` = base64 "user:password", or username and password).
import type { Secret } from '../../api/core/secret.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { ImportError } from '../../importer/errors.ts';

interface DockerAuth {
  auth?: string;
  username?: string;
  password?: string;
}

const hostOf = (key: string) => key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();

/** The credentials a docker config JSON holds for `host`, if any. */
export function credentialsFromDockerConfig(json: string, host: string): { user: string; password: string } | undefined {
  const doc = JSON.parse(json) as { auths?: Record<string, DockerAuth> };
  const wanted = [host.toLowerCase(), ...(host === 'docker.io' ? ['index.docker.io', 'registry-1.docker.io'] : [])];
  const entry = Object.entries(doc.auths ?? {}).find(([k]) => wanted.includes(hostOf(k)))?.[1];
  if (!entry) return undefined;
  if (entry.username !== undefined && entry.password !== undefined) return { user: entry.username, password: entry.password };
  if (!entry.auth) return undefined;
  const text = Buffer.from(entry.auth, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? undefined : { user: text.slice(0, i), password: text.slice(i + 1) };
}

export async function pullSecretCredentials(client: KubeClient, ns: string, name: string, host: string): Promise<{ user: string; password: string } | undefined> {
  const s = await client.tryGet<Secret>(R.secrets, ns, name);
  if (!s) throw new ImportError(`imagePullSecret: Secret ${ns}/${name} not found`);
  const raw = s.data?.['.dockerconfigjson'] !== undefined ? Buffer.from(String(s.data['.dockerconfigjson']), 'base64').toString('utf8') : s.stringData?.['.dockerconfigjson'];
  if (raw === undefined) throw new ImportError(`imagePullSecret: Secret ${ns}/${name} has no .dockerconfigjson (type kubernetes.io/dockerconfigjson)`);
  try {
    return credentialsFromDockerConfig(raw, host);
  } catch (e) {
    throw new ImportError(`imagePullSecret: Secret ${ns}/${name}: .dockerconfigjson is not valid JSON (${(e as Error).message})`);
  }
}
