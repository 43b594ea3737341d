// cloud-init NoCloud media: an ISO labelled `cidata` holding meta-data, user-data and optionally
// network-config, and the mapping from KubeVirt's `cloudInitNoCloud` volume to those strings.
import { execFile } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

const run = promisify(execFile);

export class CloudInitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudInitError';
  }
}

export interface NoCloudData {
  userData?: string;
  /** publicKeys: SSH keys cloud-init installs for the default user (KubeVirt's accessCredentials). */
  metaData: { instanceId: string; localHostname: string; publicKeys?: string[] };
  networkData?: string;
}

/**
 * Writes the NoCloud ISO to `out`. Built under a temp name in the same directory and renamed into
 * place, so a reader (or a QEMU started concurrently) never sees a half-written image.
 */
export async function buildNoCloudIso(out: string, data: NoCloudData): Promise<void> {
  const dir = dirname(out);
  const staging = await mkdtemp(join(dir, '.cidata-'));
  const tmpIso = join(dir, `.${basename(out)}.${process.pid}.tmp`);
  try {
    const files = ['meta-data', 'user-data'];
    await writeFile(
      join(staging, 'meta-data'),
      stringify(
        {
          'instance-id': data.metaData.instanceId,
          'local-hostname': data.metaData.localHostname,
          ...(data.metaData.publicKeys?.length ? { 'public-keys': data.metaData.publicKeys } : {}),
        },
        { lineWidth: 0 },
      ),
    );
    // cloud-init's NoCloud wants user-data present even when empty.
    await writeFile(join(staging, 'user-data'), data.userData ?? '');
    if (data.networkData !== undefined) {
      await writeFile(join(staging, 'network-config'), data.networkData);
      files.push('network-config');
    }
    try {
      await run('genisoimage', ['-quiet', '-output', tmpIso, '-volid', 'cidata', '-joliet', '-rock', ...files], { cwd: staging });
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr ?? (e as Error).message;
      throw new CloudInitError(`genisoimage failed: ${stderr.replace(/\s*\n\s*/g, ' ').trim()}`);
    }
    await rename(tmpIso, out);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(tmpIso, { force: true });
  }
}

/** KubeVirt's cloudInitNoCloud volume source (kubevirt.io/v1 names). */
export interface CloudInitNoCloudSource {
  userData?: string;
  userDataBase64?: string;
  /** KubeVirt's JSON name for userDataSecretRef. */
  secretRef?: { name: string };
  userDataSecretRef?: { name: string };
  networkData?: string;
  networkDataBase64?: string;
  networkDataSecretRef?: { name: string };
}

/** A Kubernetes Secret as the API returns it: `data` values are base64. */
export interface SecretLike {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export type GetSecret = (name: string) => Promise<SecretLike | undefined>;

export async function resolveCloudInitNoCloud(
  volume: { name: string; cloudInitNoCloud: CloudInitNoCloudSource },
  getSecret: GetSecret,
): Promise<{ userData?: string; networkData?: string }> {
  const src = volume.cloudInitNoCloud;
  const where = `volume "${volume.name}" cloudInitNoCloud`;
  const userRef = src.userDataSecretRef ?? src.secretRef;
  const userData = await pick(where, 'userData', src.userData, src.userDataBase64, userRef, ['userdata', 'userData'], getSecret);
  const networkData = await pick(
    where,
    'networkData',
    src.networkData,
    src.networkDataBase64,
    src.networkDataSecretRef,
    ['networkdata', 'networkData'],
    getSecret,
  );
  if (userData === undefined && networkData === undefined) {
    throw new CloudInitError(`${where}: needs userData, userDataBase64 or a secretRef (or network data)`);
  }
  return { userData, networkData };
}

async function pick(
  where: string,
  what: string,
  plain: string | undefined,
  b64: string | undefined,
  ref: { name: string } | undefined,
  keys: string[],
  getSecret: GetSecret,
): Promise<string | undefined> {
  const given = [plain, b64, ref].filter((x) => x !== undefined).length;
  if (given > 1) throw new CloudInitError(`${where}: set only one of ${what}, ${what}Base64 and ${what}SecretRef`);
  if (plain !== undefined) return plain;
  if (b64 !== undefined) return decodeBase64(b64, `${where}: ${what}Base64`);
  if (!ref) return undefined;
  const secret = await getSecret(ref.name);
  if (!secret) throw new CloudInitError(`${where}: secret "${ref.name}" not found`);
  for (const k of keys) {
    if (secret.stringData?.[k] !== undefined) return secret.stringData[k];
    if (secret.data?.[k] !== undefined) return decodeBase64(secret.data[k], `${where}: secret "${ref.name}" key ${k}`);
  }
  throw new CloudInitError(`${where}: secret "${ref.name}" has no ${keys.join(' or ')} key`);
}

function decodeBase64(s: string, what: string): string {
  const compact = s.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new CloudInitError(`${what} is not valid base64`);
  return Buffer.from(compact, 'base64').toString('utf8');
}
