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

export function shippedObjects(): KubeObject[] {
  return [...commonTemplates(SYSTEM_NAMESPACE, OS_IMAGES_NAMESPACE), tinyDataSource(), ...commonInstancetypes(), ...commonPreferences()];
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
