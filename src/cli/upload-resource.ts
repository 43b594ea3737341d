// The DataVolume or PersistentVolumeClaim image-upload fills, found or created as virtctl does:
// `dv` makes a DataVolume with `source.upload`, `pvc` a claim marked as CDI's upload target;
// --no-create uses an existing one (which must take uploads and not be filled yet), and without
// it an existing one is an error rather than silently reused.
import type { PersistentVolumeClaim } from '../api/core/pvc.ts';
import type { DataVolume } from '../api/cdi/datavolume.ts';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { FORCE_BIND_ANNOTATION, POPULATE_PHASE_ANNOTATION, UPLOAD_TARGET_ANNOTATION } from '../controllers/storage/protocol.ts';

export type UploadKind = 'dv' | 'pvc';

export interface ResourceOptions {
  create: boolean;
  size?: string;
  storageClass?: string;
  accessMode?: string;
  volumeMode?: string;
  forceBind?: boolean;
}

/** What is to be filled: its size and volume mode (for the size check), and how to make it if new. */
export interface UploadPlan {
  size: string | undefined;
  volumeMode: string | undefined;
  create?: () => Promise<void>;
}

export function parseKind(kind: string): UploadKind {
  const k = kind.toLowerCase();
  if (k !== 'dv' && k !== 'pvc') throw new Error(`invalid resource type ${kind} (use dv or pvc)`);
  return k;
}

function volumeModeOf(flag: string | undefined): 'Filesystem' | 'Block' | undefined {
  if (flag === undefined) return undefined;
  if (flag.toLowerCase() === 'block') return 'Block';
  if (flag.toLowerCase() === 'filesystem') return 'Filesystem';
  throw new Error(`invalid --volume-mode ${flag} (use block or filesystem)`);
}

/** The claim spec both kinds are created with (virtctl's createStorageSpec). */
function storageSpec(o: ResourceOptions, size: string): Record<string, unknown> {
  if (o.accessMode === 'ReadOnlyMany') throw new Error('cannot upload to a readonly volume, use either ReadWriteOnce or ReadWriteMany if supported');
  const volumeMode = volumeModeOf(o.volumeMode);
  return {
    resources: { requests: { storage: size } },
    ...(o.storageClass ? { storageClassName: o.storageClass } : {}),
    ...(o.accessMode ? { accessModes: [o.accessMode] } : {}),
    ...(volumeMode ? { volumeMode } : {}),
  };
}

const sizeOf = (spec: { resources?: { requests?: Record<string, unknown> } } | undefined) => {
  const s = spec?.resources?.requests?.storage;
  return s === undefined ? undefined : String(s);
};

async function planDv(client: KubeClient, ns: string, name: string, o: ResourceOptions): Promise<UploadPlan> {
  const dv = await client.tryGet<DataVolume>(R.datavolumes, ns, name);
  if (!o.create) {
    if (!dv) throw new Error(`DataVolume ${ns}/${name} not found (leave out --no-create to create it)`);
    if (!dv.spec?.source?.upload) throw new Error(`DataVolume ${ns}/${name} does not take uploads: its source is not upload`);
    if (dv.status?.phase === 'Succeeded') throw new Error(`PVC ${name} already successfully imported/cloned/updated`);
    const spec = dv.spec.storage ?? dv.spec.pvc;
    console.log(`Using existing PVC ${ns}/${name}`);
    return { size: sizeOf(spec), volumeMode: spec?.volumeMode };
  }
  if (dv) throw new Error(`DataVolume ${ns}/${name} already exists; use --no-create to upload into it`);
  if (await client.tryGet(R.pvcs, ns, name)) throw new Error(`PersistentVolumeClaim ${ns}/${name} already exists; upload into it with image-upload pvc ${name} --no-create`);
  const size = o.size;
  if (!size) throw new Error('when creating a resource, the size must be specified (--size, e.g. --size=10Gi)');
  const storage = storageSpec(o, size);
  const manifest = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: ns, ...(o.forceBind ? { annotations: { [FORCE_BIND_ANNOTATION]: '' } } : {}) },
    spec: { source: { upload: {} }, contentType: 'kubevirt', storage },
  };
  const create = async () => {
    await client.create(R.datavolumes, ns, manifest);
    console.log(`DataVolume ${ns}/${name} created`);
  };
  return { size, volumeMode: volumeModeOf(o.volumeMode), create };
}

async function planPvc(client: KubeClient, ns: string, name: string, o: ResourceOptions): Promise<UploadPlan> {
  const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
  if (!o.create) {
    if (!pvc) throw new Error(`PersistentVolumeClaim ${ns}/${name} not found (leave out --no-create to create it)`);
    const a = pvc.metadata.annotations ?? {};
    if (a[POPULATE_PHASE_ANNOTATION] === 'Succeeded') throw new Error(`PVC ${name} already successfully imported/cloned/updated`);
    const mark = async () => {
      // virtctl's ensurePVCSupportsUpload: an existing claim becomes an upload target.
      if (a[UPLOAD_TARGET_ANNOTATION] === undefined) await client.mergePatch(R.pvcs, ns, name, { metadata: { annotations: { [UPLOAD_TARGET_ANNOTATION]: '' } } });
      console.log(`Using existing PVC ${ns}/${name}`);
    };
    return { size: sizeOf(pvc.spec), volumeMode: pvc.spec?.volumeMode, create: mark };
  }
  if (pvc) throw new Error(`PersistentVolumeClaim ${ns}/${name} already exists; use --no-create to upload into it`);
  const size = o.size;
  if (!size) throw new Error('when creating a resource, the size must be specified (--size, e.g. --size=10Gi)');
  const spec = storageSpec(o, size);
  const manifest = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, annotations: { [UPLOAD_TARGET_ANNOTATION]: '', ...(o.forceBind ? { [FORCE_BIND_ANNOTATION]: '' } : {}) } },
    spec: { accessModes: ['ReadWriteOnce'], ...spec },
  };
  const create = async () => {
    await client.create(R.pvcs, ns, manifest);
    console.log(`PersistentVolumeClaim ${ns}/${name} created`);
  };
  return { size, volumeMode: volumeModeOf(o.volumeMode), create };
}

/** Reads what exists and says what image-upload will fill; nothing is created until `create()`. */
export async function planUploadResource(client: KubeClient, ns: string, kind: UploadKind, name: string, o: ResourceOptions): Promise<UploadPlan> {
  // virtctl checks a named class first, so a typo is not a claim stuck Pending.
  if (o.create && o.storageClass) await client.get(R.storageclasses, undefined, o.storageClass);
  return kind === 'dv' ? planDv(client, ns, name, o) : planPvc(client, ns, name, o);
}
