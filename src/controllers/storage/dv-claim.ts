// The claim a DataVolume creates (same name, owned by the DataVolume) and what to populate it
// with. `spec.pvc` is taken as written; `spec.storage` is completed as CDI's storage profiles do:
// the default class, ReadWriteOnce (ReadWriteMany on the shared class), Filesystem, and for a
// clone the source's size.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { PREALLOCATION_REQUESTED_ANNOTATION, PROVISIONER_SHARED, POPULATE_REQUEST_ANNOTATION, SELECTED_NODE_ANNOTATION, UPLOAD_TARGET_ANNOTATION, type PopulateRequest } from './protocol.ts';

/** The populate request of a DataVolume's source, or a one-line reason it is not supported. */
export function populateRequestOf(dv: DataVolume, resolvedClone?: { namespace: string; name: string }): PopulateRequest | string {
  const src = dv.spec?.source;
  if (resolvedClone) return { kind: 'clone', ...resolvedClone };
  if (src?.http) {
    const h = src.http;
    return { kind: 'http', url: h.url, ...(h.secretRef ? { secretRef: h.secretRef } : {}), ...(h.certConfigMap ? { certConfigMap: h.certConfigMap } : {}), ...(h.extraHeaders?.length ? { extraHeaders: h.extraHeaders } : {}), ...(h.checksum ? { checksum: h.checksum } : {}) };
  }
  if (src?.registry) {
    const r = src.registry;
    if (!r.url) return 'registry imageStream sources are not supported (OpenShift image streams); give registry.url as docker://host[:port]/repository:tag';
    if (!r.url.startsWith('docker://')) return `registry URL ${r.url} is not supported yet: only docker:// (oci-archive:// needs a node-local archive)`;
    return { kind: 'registry', url: r.url, ...(r.secretRef ? { secretRef: r.secretRef } : {}), ...(r.certConfigMap ? { certConfigMap: r.certConfigMap } : {}) };
  }
  if (src?.blank) return { kind: 'blank' };
  if (src?.upload) return { kind: 'upload' };
  if (src?.pvc) return { kind: 'clone', namespace: src.pvc.namespace ?? dv.metadata.namespace ?? 'default', name: src.pvc.name };
  const kind = Object.keys(src ?? {})[0] ?? (dv.spec?.sourceRef ? 'sourceRef' : 'none');
  return `source ${kind} is not supported yet (supported: http, registry, blank, upload, pvc, sourceRef to a DataSource with a pvc)`;
}

export interface ClaimChoices {
  defaultClass: string | undefined;
  classProvisioner: (name: string) => string | undefined;
  /** Where the node agent should do the work (the claim's selected node). */
  node: string | undefined;
  /** For clones: the source claim's size, used when the DataVolume gives none. */
  sourceSize?: string;
}

export function buildClaim(dv: DataVolume, request: PopulateRequest, c: ClaimChoices): PersistentVolumeClaim | string {
  const spec = dv.spec?.pvc ?? dv.spec?.storage ?? {};
  const storageClassName = spec.storageClassName ?? c.defaultClass;
  const size = spec.resources?.requests?.storage ?? c.sourceSize;
  if (size === undefined) return `spec.storage.resources.requests.storage is required for a ${request.kind} source`;
  const shared = storageClassName !== undefined && c.classProvisioner(storageClassName) === PROVISIONER_SHARED;
  const accessModes = spec.accessModes?.length ? spec.accessModes : [shared ? 'ReadWriteMany' : 'ReadWriteOnce'];
  const ns = dv.metadata.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: dv.metadata.name,
      namespace: ns,
      labels: { app: 'containerized-data-importer', 'app.kubernetes.io/component': 'storage', 'app.kubernetes.io/managed-by': 'cdi-controller' },
      annotations: {
        [POPULATE_REQUEST_ANNOTATION]: JSON.stringify(request),
        ...(c.node ? { [SELECTED_NODE_ANNOTATION]: c.node } : {}),
        // As on CDI's upload claims, so virtctl recognizes the claim as one it may upload to.
        ...(request.kind === 'upload' ? { [UPLOAD_TARGET_ANNOTATION]: '' } : {}),
        ...(dv.spec?.preallocation ? { [PREALLOCATION_REQUESTED_ANNOTATION]: 'true' } : {}),
      },
      ownerReferences: [{ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', name: dv.metadata.name!, uid: dv.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      accessModes: accessModes as NonNullable<PersistentVolumeClaim['spec']>['accessModes'],
      resources: { requests: { storage: size } },
      volumeMode: (spec.volumeMode as 'Filesystem' | 'Block' | undefined) ?? 'Filesystem',
      ...(storageClassName !== undefined ? { storageClassName } : {}),
    },
  };
}
