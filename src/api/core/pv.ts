// core/v1 PersistentVolume: a piece of storage on a host (local block device, host path, NFS
// export) that the volume binder matches to claims.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import { AccessModeSchema, accessModesShort } from './access-modes.ts';
import { UNSET, dig, str } from './cells.ts';
import { stringEnum } from './enum.ts';
import { QuantityMapSchema, validateQuantityMap } from './quantities.ts';
import { NodeSelectorSchema, VolumeModeSchema } from './selectors.ts';

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] as const;

// The volume sources Vireo's node agent can attach; csi and the rest are kept for round-trips only.
const SOURCES = ['local', 'hostPath', 'nfs', 'csi'] as const;

const PersistentVolumeSpecSchema = Type.Object(
  {
    capacity: Type.Optional(QuantityMapSchema),
    accessModes: Type.Optional(Type.Array(AccessModeSchema)),
    persistentVolumeReclaimPolicy: Type.Optional(
      stringEnum(['Retain', 'Delete', 'Recycle'], { description: 'What happens to the volume when its claim is deleted.' }),
    ),
    storageClassName: Type.Optional(Type.String()),
    volumeMode: Type.Optional(VolumeModeSchema),
    local: Type.Optional(
      Type.Object(
        { path: Type.String({ description: 'Full path to a directory or block device on the node.' }), fsType: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    hostPath: Type.Optional(
      Type.Object({ path: Type.String(), type: Type.Optional(stringEnum(HOST_PATH_TYPES)) }, { additionalProperties: false }),
    ),
    nfs: Type.Optional(
      Type.Object({ server: Type.String(), path: Type.String(), readOnly: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    ),
    csi: Type.Optional(FreeFormSchema),
    nodeAffinity: Type.Optional(
      Type.Object({ required: Type.Optional(NodeSelectorSchema) }, { additionalProperties: false, description: 'The nodes this volume can be reached from.' }),
    ),
    claimRef: Type.Optional(
      Type.Object(
        {
          namespace: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          uid: Type.Optional(Type.String()),
          kind: Type.Optional(Type.String()),
          apiVersion: Type.Optional(Type.String()),
          resourceVersion: Type.Optional(Type.String()),
          fieldPath: Type.Optional(Type.String()),
        },
        { additionalProperties: false, description: 'The claim bound to this volume.' },
      ),
    ),
    mountOptions: Type.Optional(Type.Array(Type.String())),
    volumeAttributesClassName: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
type PersistentVolumeSpec = Static<typeof PersistentVolumeSpecSchema>;

const PersistentVolumeStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(['Pending', 'Available', 'Bound', 'Released', 'Failed'])),
    message: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    lastPhaseTransitionTime: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const PersistentVolumeSchema = objectSchema({
  spec: PersistentVolumeSpecSchema,
  status: PersistentVolumeStatusSchema,
  description: 'PersistentVolume is a storage resource provisioned by an administrator.',
});

export type PersistentVolume = KubeObject & { spec?: PersistentVolumeSpec; status?: Static<typeof PersistentVolumeStatusSchema> };

function claim(o: KubeObject): string {
  const ref = (o as PersistentVolume).spec?.claimRef;
  return ref?.name ? `${ref.namespace ?? ''}/${ref.name}` : '';
}

function validateSpec(spec: PersistentVolumeSpec): FieldError[] {
  const errs: FieldError[] = [];
  const present = SOURCES.filter((s) => spec[s] !== undefined);
  if (present.length === 0) errs.push({ field: 'spec', message: 'Required value: must specify a volume type', reason: 'FieldValueRequired' });
  if (present.length > 1) errs.push({ field: `spec.${present[1]}`, message: 'Forbidden: may not specify more than 1 volume type', reason: 'FieldValueForbidden' });

  if (!spec.accessModes?.length) errs.push({ field: 'spec.accessModes', message: 'Required value', reason: 'FieldValueRequired' });
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push({ field: 'spec.capacity', message: 'Required value', reason: 'FieldValueRequired' });
  for (const key of Object.keys(capacity)) {
    if (key !== 'storage') errs.push({ field: `spec.capacity[${key}]`, message: `Unsupported value: "${key}": supported values: "storage"`, reason: 'FieldValueNotSupported' });
  }
  errs.push(...validateQuantityMap(capacity, 'spec.capacity'));
  if (capacity.storage !== undefined && (tryParseQuantity(capacity.storage) ?? 1) <= 0) {
    errs.push({ field: 'spec.capacity[storage]', message: `Invalid value: "${capacity.storage}": must be greater than zero`, reason: 'FieldValueInvalid' });
  }

  if (spec.local) {
    if (!spec.local.path.startsWith('/')) errs.push({ field: 'spec.local.path', message: `Invalid value: "${spec.local.path}": must be an absolute path`, reason: 'FieldValueInvalid' });
    // A local volume only exists on some nodes, so the scheduler must know which.
    if (!spec.nodeAffinity?.required) errs.push({ field: 'spec.nodeAffinity', message: 'Required value: Local volume requires node affinity', reason: 'FieldValueRequired' });
  }
  if (spec.hostPath && spec.hostPath.path === '') errs.push({ field: 'spec.hostPath.path', message: 'Required value', reason: 'FieldValueRequired' });
  if (spec.nfs) {
    if (spec.nfs.server === '') errs.push({ field: 'spec.nfs.server', message: 'Required value', reason: 'FieldValueRequired' });
    if (!spec.nfs.path.startsWith('/')) errs.push({ field: 'spec.nfs.path', message: `Invalid value: "${spec.nfs.path}": must be an absolute path`, reason: 'FieldValueInvalid' });
  }
  if (spec.persistentVolumeReclaimPolicy === 'Recycle' && !spec.nfs && !spec.hostPath) {
    errs.push({ field: 'spec.persistentVolumeReclaimPolicy', message: 'Unsupported value: "Recycle": supported values: "Delete", "Retain"', reason: 'FieldValueNotSupported' });
  }
  if (spec.nodeAffinity?.required && spec.nodeAffinity.required.nodeSelectorTerms.length === 0) {
    errs.push({ field: 'spec.nodeAffinity.required.nodeSelectorTerms', message: 'Required value: must have at least one node selector term', reason: 'FieldValueRequired' });
  }
  return errs;
}

export const persistentVolumeKind = defineKind<PersistentVolume>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  schema: PersistentVolumeSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Capacity', type: 'string', jsonPath: '.spec.capacity.storage' },
    { name: 'Access Modes', type: 'string', jsonPath: '.spec.accessModes', value: (o) => accessModesShort((o as PersistentVolume).spec?.accessModes) },
    { name: 'Reclaim Policy', type: 'string', jsonPath: '.spec.persistentVolumeReclaimPolicy' },
    { name: 'Status', type: 'string', jsonPath: '.status.phase' },
    { name: 'Claim', type: 'string', jsonPath: '.spec.claimRef.name', description: 'namespace/name of the bound claim.', value: claim },
    { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
    { name: 'VolumeAttributesClass', type: 'string', jsonPath: '.spec.volumeAttributesClassName', value: (o) => str(dig(o, 'spec', 'volumeAttributesClassName')) ?? UNSET },
    { name: 'Reason', type: 'string', jsonPath: '.status.reason' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'VolumeMode', type: 'string', jsonPath: '.spec.volumeMode', priority: 1 },
  ],
  defaults(pv) {
    pv.spec ??= {};
    pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
    pv.status ??= {};
    pv.status.phase ??= 'Pending';
  },
  validate(pv) {
    return validateSpec(pv.spec ?? {});
  },
});
