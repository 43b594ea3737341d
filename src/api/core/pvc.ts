// core/v1 PersistentVolumeClaim: a request for storage, bound by the volume binder to a
// PersistentVolume; DataVolumes create one each to hold the imported disk.
import { isDeepStrictEqual } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type AdmissionContext, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import { AccessModeSchema, accessModesShort } from './access-modes.ts';
import { UNSET, dig, str } from './cells.ts';
import { stringEnum } from './enum.ts';
import { QuantityMapSchema, validateQuantityMap } from './quantities.ts';
import { LabelSelectorSchema, VolumeModeSchema } from './selectors.ts';

const TypedLocalObjectReference = Type.Object(
  { apiGroup: Type.Optional(Type.String()), kind: Type.String(), name: Type.String() },
  { additionalProperties: false },
);

export const PersistentVolumeClaimSpecSchema = Type.Object(
  {
    accessModes: Type.Optional(Type.Array(AccessModeSchema, { description: 'The access modes the volume should have.' })),
    resources: Type.Optional(
      Type.Object(
        {
          requests: Type.Optional(QuantityMapSchema),
          limits: Type.Optional(QuantityMapSchema),
        },
        { additionalProperties: false },
      ),
    ),
    storageClassName: Type.Optional(Type.String({ description: 'Name of the StorageClass; empty string means no class.' })),
    volumeMode: Type.Optional(VolumeModeSchema),
    volumeName: Type.Optional(Type.String({ description: 'The PersistentVolume bound to this claim.' })),
    dataSource: Type.Optional(TypedLocalObjectReference),
    dataSourceRef: Type.Optional(
      Type.Object(
        { apiGroup: Type.Optional(Type.String()), kind: Type.String(), name: Type.String(), namespace: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    selector: Type.Optional(LabelSelectorSchema),
    volumeAttributesClassName: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type PersistentVolumeClaimSpec = Static<typeof PersistentVolumeClaimSpecSchema>;

const PersistentVolumeClaimStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(['Pending', 'Bound', 'Lost'])),
    accessModes: Type.Optional(Type.Array(AccessModeSchema)),
    capacity: Type.Optional(QuantityMapSchema),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    allocatedResources: Type.Optional(QuantityMapSchema),
    allocatedResourceStatuses: Type.Optional(Type.Record(Type.String(), Type.String())),
    currentVolumeAttributesClassName: Type.Optional(Type.String()),
    modifyVolumeStatus: Type.Optional(FreeFormSchema),
  },
  { additionalProperties: false },
);

export const PersistentVolumeClaimSchema = objectSchema({
  spec: PersistentVolumeClaimSpecSchema,
  status: PersistentVolumeClaimStatusSchema,
  description: "PersistentVolumeClaim is a user's request for and claim to a persistent volume.",
});

export type PersistentVolumeClaim = KubeObject & {
  spec?: PersistentVolumeClaimSpec;
  status?: Static<typeof PersistentVolumeClaimStatusSchema>;
};

const IMMUTABLE_MESSAGE = 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

/** The spec with what an update may change blanked out. */
function frozenPart(spec: PersistentVolumeClaimSpec | undefined, oldVolumeName: string | undefined): unknown {
  const { resources, volumeAttributesClassName: _v, volumeName, ...rest } = spec ?? {};
  // The binder fills volumeName once; after that it is fixed.
  return { ...rest, limits: resources?.limits, volumeName: oldVolumeName ? volumeName : undefined };
}

export const persistentVolumeClaimKind = defineKind<PersistentVolumeClaim>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  schema: PersistentVolumeClaimSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'Status', type: 'string', jsonPath: '.status.phase' },
    { name: 'Volume', type: 'string', jsonPath: '.spec.volumeName' },
    { name: 'Capacity', type: 'string', jsonPath: '.status.capacity.storage' },
    { name: 'Access Modes', type: 'string', jsonPath: '.status.accessModes', value: (o) => accessModesShort((o as PersistentVolumeClaim).status?.accessModes) },
    { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
    { name: 'VolumeAttributesClass', type: 'string', jsonPath: '.spec.volumeAttributesClassName', value: (o) => str(dig(o, 'spec', 'volumeAttributesClassName')) ?? UNSET },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    { name: 'VolumeMode', type: 'string', jsonPath: '.spec.volumeMode', priority: 1, value: (o) => str(dig(o, 'spec', 'volumeMode')) ?? UNSET },
  ],
  defaults(pvc) {
    pvc.spec ??= {};
    pvc.spec.volumeMode ??= 'Filesystem';
    pvc.status ??= {};
    pvc.status.phase ??= 'Pending';
  },
  async validate(pvc, ctx) {
    const errs: FieldError[] = [];
    const spec = pvc.spec ?? {};
    if (!spec.accessModes?.length) {
      errs.push({ field: 'spec.accessModes', message: 'Required value: at least 1 access mode is required', reason: 'FieldValueRequired' });
    }
    if (spec.accessModes?.includes('ReadWriteOncePod') && spec.accessModes.length > 1) {
      errs.push({ field: 'spec.accessModes', message: 'Forbidden: may not use ReadWriteOncePod with other access modes', reason: 'FieldValueForbidden' });
    }
    const storage = spec.resources?.requests?.storage;
    if (storage === undefined) {
      errs.push({ field: 'spec.resources[storage]', message: 'Required value', reason: 'FieldValueRequired' });
    } else if ((tryParseQuantity(storage) ?? 1) <= 0) {
      errs.push({ field: 'spec.resources.requests[storage]', message: `Invalid value: "${storage}": must be greater than zero`, reason: 'FieldValueInvalid' });
    }
    errs.push(...validateQuantityMap(spec.resources?.requests, 'spec.resources.requests'));
    errs.push(...validateQuantityMap(spec.resources?.limits, 'spec.resources.limits'));
    if (ctx.operation === 'UPDATE' && ctx.old) {
      const old = ctx.old as PersistentVolumeClaim;
      if (!isDeepStrictEqual(frozenPart(old.spec, old.spec?.volumeName), frozenPart(spec, old.spec?.volumeName))) {
        errs.push({ field: 'spec', message: IMMUTABLE_MESSAGE, reason: 'FieldValueForbidden' });
      }
      const oldSize = tryParseQuantity(old.spec?.resources?.requests?.storage);
      const newSize = tryParseQuantity(storage);
      if (oldSize !== undefined && newSize !== undefined && newSize !== oldSize) {
        if (old.status?.phase !== 'Bound') {
          errs.push({ field: 'spec', message: IMMUTABLE_MESSAGE, reason: 'FieldValueForbidden' });
        } else if (newSize < oldSize) {
          errs.push({ field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than previous value', reason: 'FieldValueForbidden' });
        } else if (!(await mayExpand(old, ctx))) {
          errs.push({ field: 'spec.resources.requests.storage', message: RESIZE_FORBIDDEN, reason: 'FieldValueForbidden' });
        }
      }
    }
    return errs;
  },
});

const RESIZE_FORBIDDEN = 'Forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

/**
 * Kubernetes' PersistentVolumeClaimResize admission: a claim may grow only when the StorageClass
 * that provisioned it sets allowVolumeExpansion. A claim without storageClassName is judged by its
 * volume's class (Vireo resolves the default class at provisioning, not at admission).
 */
async function mayExpand(old: PersistentVolumeClaim, ctx: AdmissionContext): Promise<boolean> {
  let className = old.spec?.storageClassName;
  if (className === undefined && old.spec?.volumeName) {
    const pv = (await ctx.get('v1', 'PersistentVolume', undefined, old.spec.volumeName)) as { spec?: { storageClassName?: string } } | undefined;
    className = pv?.spec?.storageClassName;
  }
  if (!className) return false;
  const sc = (await ctx.get('storage.k8s.io/v1', 'StorageClass', undefined, className)) as { allowVolumeExpansion?: boolean } | undefined;
  return sc?.allowVolumeExpansion === true;
}
