// The tiny Linux boot source, so "Quick create" of the vireo-tiny templates works on a machine
// without internet. The decision: the disk scripts/setup.sh builds (.cache/guest/disk.qcow2) is
// served by the API server itself (boot-source-files.ts) and imported by an ordinary DataVolume
// `vireo-os-images/vireo-tiny` over https, trusting the API server's CA from a ConfigMap — the
// same data path, phases, progress and failure reasons as any user import, no side door into a
// node's volume directory. The DataSource of the same name (install.ts) points at the DataVolume's
// PVC; the DataSource controller reports it Ready once the import succeeded, and VMs from the
// templates clone it through a DataVolume sourceRef.
//
// Called at every start, idempotently: a succeeded or running import is left alone; a failed one
// (or one from an address this server no longer listens on) is deleted and started again, so a
// restart is the retry.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { ConfigMap } from '../../api/core/configmap.ts';
import type { KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';
import { FILESYSTEM_OVERHEAD } from '../../controllers/storage/protocol.ts';
import { OS_IMAGES_NAMESPACE } from '../bootstrap.ts';
import { bootSourcePath } from './boot-source-files.ts';
import { TINY_DATA_SOURCE } from './install.ts';

/** The ConfigMap (in vireo-os-images) holding the API server's CA, named in the import's certConfigMap. */
export const API_CA_CONFIGMAP = 'vireo-api-ca';
const MiB = 1024 * 1024;

/** Where set-up builds the tiny guest (VIREO_GUEST_DIR overrides, as for the tests). */
export function defaultGuestDir(): string {
  return process.env.VIREO_GUEST_DIR ?? fileURLToPath(new URL('../../../.cache/guest', import.meta.url));
}

export function tinyDiskPath(guestDir: string): string {
  return join(guestDir, 'disk.qcow2');
}

/** The disks the API server serves as boot sources, by name (see boot-source-files.ts). */
export function bootSourceDisks(guestDir: string): Record<string, string> {
  return { [TINY_DATA_SOURCE]: tinyDiskPath(guestDir) };
}

/** The virtual size of a qcow2 image from its header (big-endian u64 at offset 24), or undefined. */
export function qcow2VirtualSize(path: string): number | undefined {
  const header = Buffer.alloc(32);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    if (readSync(fd, header, 0, 32, 0) < 32 || header.readUInt32BE(0) !== 0x514649fb) return undefined;
    return Number(header.readBigUInt64BE(24));
  } finally {
    closeSync(fd);
  }
}

/** The smallest claim (whole MiB) whose usable part, after the filesystem overhead, holds `bytes`. */
export function claimSizeFor(bytes: number): string {
  return `${Math.ceil(bytes / (1 - FILESYSTEM_OVERHEAD) / MiB) + 1}Mi`;
}

export function tinyDataVolume(url: string, size: string): DataVolume {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name: TINY_DATA_SOURCE, namespace: OS_IMAGES_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'vireo', 'app.kubernetes.io/component': 'boot-source' } },
    spec: {
      source: { http: { url, certConfigMap: API_CA_CONFIGMAP } },
      storage: { resources: { requests: { storage: size } } },
    },
  };
}

async function ensureCaConfigMap(client: KubeClient, caPem: string): Promise<void> {
  const data = { 'ca.crt': caPem };
  const cm = await client.tryGet<ConfigMap>(R.configmaps, OS_IMAGES_NAMESPACE, API_CA_CONFIGMAP);
  if (!cm) await client.create(R.configmaps, OS_IMAGES_NAMESPACE, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: API_CA_CONFIGMAP, namespace: OS_IMAGES_NAMESPACE }, data });
  else if (cm.data?.['ca.crt'] !== caPem) await client.update(R.configmaps, { ...cm, data });
}

async function deleteAndWait(client: KubeClient, dv: DataVolume): Promise<void> {
  await client.delete(R.datavolumes, OS_IMAGES_NAMESPACE, TINY_DATA_SOURCE, { propagationPolicy: 'Foreground', preconditions: { uid: dv.metadata.uid } });
  const deadline = Date.now() + 60_000;
  // Foreground: the DataVolume goes only after its PVC, so the new one finds the name free.
  while (await client.tryGet(R.datavolumes, OS_IMAGES_NAMESPACE, TINY_DATA_SOURCE)) {
    if (Date.now() > deadline) throw new Error(`boot source: DataVolume ${OS_IMAGES_NAMESPACE}/${TINY_DATA_SOURCE} was not deleted within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Makes sure the tiny boot source is imported or importing from `serverUrl` (the API server's
 * address as the node agents reach it). Returns one line saying where it stands.
 */
export async function ensureTinyBootSource(client: KubeClient, opts: { serverUrl: string; caPem: string; guestDir: string }): Promise<string> {
  const where = `${OS_IMAGES_NAMESPACE}/${TINY_DATA_SOURCE}`;
  const virtual = qcow2VirtualSize(tinyDiskPath(opts.guestDir));
  if (virtual === undefined) {
    const why = `the tiny guest disk ${tinyDiskPath(opts.guestDir)} is not built (run scripts/setup.sh), so the boot source cannot be imported`;
    const ds = await client.tryGet(R.datasources, OS_IMAGES_NAMESPACE, TINY_DATA_SOURCE);
    if (ds) await new EventRecorder(client, 'vireo-boot-sources').record(ds, 'Warning', 'BootSourceUnavailable', why);
    return `${where}: not imported: ${why}`;
  }
  await ensureCaConfigMap(client, opts.caPem);
  const url = `${opts.serverUrl}${bootSourcePath(TINY_DATA_SOURCE)}`;
  const existing = await client.tryGet<DataVolume>(R.datavolumes, OS_IMAGES_NAMESPACE, TINY_DATA_SOURCE);
  if (existing?.status?.phase === 'Succeeded') return `${where}: imported`;
  if (existing && existing.status?.phase !== 'Failed' && existing.spec?.source?.http?.url === url) return `${where}: importing from ${url}`;
  if (existing) await deleteAndWait(client, existing);
  await client.create(R.datavolumes, OS_IMAGES_NAMESPACE, tinyDataVolume(url, claimSizeFor(virtual)));
  return `${where}: importing from ${url}`;
}
