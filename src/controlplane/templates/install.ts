// Sets up templates, boot sources and instance types on a started API server: registers the
// processedtemplates endpoint, then creates what is missing of the common templates (vireo-system),
// the vireo-tiny DataSource (vireo-os-images) and the common cluster instance types and
// preferences. Existing objects are left as they are, so a user's edits survive restarts.
import type { ApiServer } from '../../apiserver/server.ts';
import { ApiError } from '../../apiserver/status.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { OS_IMAGES_NAMESPACE, SYSTEM_NAMESPACE } from '../bootstrap.ts';
import { commonInstancetypes, commonPreferences } from './common-instancetypes.ts';
import { commonTemplates } from './common-templates.ts';
import { COMMON_OS } from './common-os.ts';
import { registerProcessedTemplates } from './processed-handler.ts';

export const TINY_DATA_SOURCE = 'vireo-tiny';

/** The tiny Linux boot source: a DataSource naming the PVC its golden disk is imported into (tiny-boot-source.ts). */
function tinyDataSource(): KubeObject {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataSource',
    metadata: { name: TINY_DATA_SOURCE, namespace: OS_IMAGES_NAMESPACE, labels: { 'instancetype.kubevirt.io/default-preference': 'vireo.tiny', 'instancetype.kubevirt.io/default-instancetype': 'u1.nano' } },
    spec: { source: { pvc: { name: TINY_DATA_SOURCE, namespace: OS_IMAGES_NAMESPACE } } },
  };
}

/**
 * The other OSes' boot sources: DataSources with no source yet (Ready=False, NoSource), as on an
 * OpenShift cluster whose boot-image imports have not run. Point one at a golden PVC (an upload, an
 * import, or a DataImportCron's managedDataSource) and its templates become quick-creatable.
 */
function emptyDataSources(): KubeObject[] {
  const byName = new Map(COMMON_OS.filter((o) => o.dataSource !== TINY_DATA_SOURCE).map((o) => [o.dataSource, o]));
  return [...byName.values()].map((o) => ({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataSource',
    metadata: { name: o.dataSource, namespace: OS_IMAGES_NAMESPACE, labels: { 'instancetype.kubevirt.io/default-preference': o.preference } },
    spec: { source: {} },
  }));
}

export function shippedObjects(): KubeObject[] {
  return [...commonTemplates(SYSTEM_NAMESPACE, OS_IMAGES_NAMESPACE), tinyDataSource(), ...emptyDataSources(), ...commonInstancetypes(), ...commonPreferences()];
}

/** Creates `obj` unless it exists (one write, no read: AlreadyExists is the common case on restart). */
async function createIfMissing(api: ApiServer, obj: KubeObject): Promise<void> {
  const def = api.index.kind(obj.apiVersion, obj.kind);
  if (!def) throw new Error(`templates: kind ${obj.apiVersion}/${obj.kind} is not served`);
  try {
    await api.objects.create(def, obj.metadata.namespace, obj, { fieldManager: 'vireo-bootstrap' });
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
  }
}

export async function installTemplates(api: ApiServer): Promise<void> {
  registerProcessedTemplates(api);
  for (const obj of shippedObjects()) await createIfMissing(api, obj);
}
