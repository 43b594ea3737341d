// snapshot.kubevirt.io/v1beta1 VirtualMachineRestore: puts a VM back as a snapshot saw it — its
// spec, and new claims filled from the snapshot's volume copies. The restore controller
// (src/controllers/snapshot/) does the work and writes the status.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { invalid, required } from '../common/field-error.ts';
import { stringEnum } from '../core/enum.ts';
import { SNAPSHOT_GROUP, SNAPSHOT_VERSION, TypedLocalObjectReferenceSchema, immutableSpec, validateVmRef } from './common.ts';

const strict = { additionalProperties: false } as const;

export const TARGET_READINESS_POLICIES = ['StopTarget', 'WaitGracePeriod', 'FailImmediate', 'WaitEventually'] as const;
export type TargetReadinessPolicy = (typeof TARGET_READINESS_POLICIES)[number];

const VolumeRestoreOverrideSchema = Type.Object(
  {
    volumeName: Type.Optional(Type.String()),
    restoreName: Type.Optional(Type.String({ description: 'Name of the restored claim instead of restore-<uid>-<volume>.' })),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  strict,
);

const RestoreSpecSchema = Type.Object(
  {
    target: TypedLocalObjectReferenceSchema,
    virtualMachineSnapshotName: Type.String(),
    targetReadinessPolicy: Type.Optional(stringEnum(TARGET_READINESS_POLICIES, { description: 'What to do while the target VM runs (default WaitGracePeriod: wait 5m, then fail).' })),
    volumeRestorePolicy: Type.Optional(stringEnum(['RandomizeNames', 'InPlace', 'PrefixTargetName'], { description: 'How restored claims are named (default RandomizeNames: restore-<uid>-<volume>).' })),
    volumeOwnershipPolicy: Type.Optional(stringEnum(['Vm', 'None'], { description: 'Whether the target VM owns the restored claims (default Vm).' })),
    volumeRestoreOverrides: Type.Optional(Type.Array(VolumeRestoreOverrideSchema)),
    patches: Type.Optional(Type.Array(Type.String(), { description: 'JSON patches applied to a newly created target VM.' })),
  },
  strict,
);
export type RestoreSpec = Static<typeof RestoreSpecSchema>;

const VolumeRestoreSchema = Type.Object(
  {
    volumeName: Type.String(),
    persistentVolumeClaim: Type.String({ description: 'The restored claim.' }),
    volumeSnapshotName: Type.String(),
    dataVolumeName: Type.Optional(Type.String()),
  },
  strict,
);
export type VolumeRestore = Static<typeof VolumeRestoreSchema>;

const RestoreStatusSchema = Type.Object(
  {
    restores: Type.Optional(Type.Array(VolumeRestoreSchema)),
    restoreTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    deletedDataVolumes: Type.Optional(Type.Array(Type.String())),
    complete: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  strict,
);
export type RestoreStatus = Static<typeof RestoreStatusSchema>;

export const VirtualMachineRestoreSchema = objectSchema({
  spec: RestoreSpecSchema,
  status: RestoreStatusSchema,
  description: 'VirtualMachineRestore defines the operation of restoring a VM.',
});

export type VirtualMachineRestore = KubeObject & { spec?: RestoreSpec; status?: RestoreStatus };

/** KubeVirt's rule: a patch path is a label, an annotation or under /spec/. */
function validatePatches(patches: string[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  (patches ?? []).forEach((p, i) => {
    let op: unknown;
    try {
      op = JSON.parse(p);
    } catch (e) {
      errs.push(invalid(`spec.patches[${i}]`, `patch is not valid JSON: ${(e as Error).message}`));
      return;
    }
    const path = (op as { path?: unknown }).path;
    if (typeof path !== 'string') return void errs.push(invalid(`spec.patches[${i}]`, 'patch has no "path"'));
    if (!/^\/(spec\/|metadata\/labels\/|metadata\/annotations\/)/.test(path)) {
      errs.push(invalid('spec.patches', `patching is valid only for elements under /spec/ only: "path": "${path}"`));
    }
  });
  return errs;
}

export function validateRestore(r: VirtualMachineRestore, old: VirtualMachineRestore | undefined): FieldError[] {
  if (old) return immutableSpec(old.spec, r.spec);
  const errs = validateVmRef(r.spec?.target, 'spec.target');
  if (!r.spec?.virtualMachineSnapshotName) errs.push(required('spec.virtualMachineSnapshotName', 'spec.virtualMachineSnapshotName: Required value'));
  // Replacing a claim in place means deleting the one a DataVolume owns first: not built.
  if (r.spec?.volumeRestorePolicy === 'InPlace') {
    errs.push(invalid('spec.volumeRestorePolicy', 'Unsupported value: "InPlace": restores create new claims (RandomizeNames or PrefixTargetName)'));
  }
  (r.spec?.volumeRestoreOverrides ?? []).forEach((o, i) => {
    if (!o.volumeName) errs.push(required(`spec.volumeRestoreOverrides[${i}].volumeName`, 'must provide a volume name'));
    if (!o.restoreName && !o.labels && !o.annotations) errs.push(required(`spec.volumeRestoreOverrides[${i}]`, 'must provide at least one overriden field'));
  });
  errs.push(...validatePatches(r.spec?.patches));
  return errs;
}

export const virtualMachineRestoreKind = defineKind<VirtualMachineRestore>({
  group: SNAPSHOT_GROUP,
  version: SNAPSHOT_VERSION,
  kind: 'VirtualMachineRestore',
  plural: 'virtualmachinerestores',
  singular: 'virtualmachinerestore',
  shortNames: ['vmrestore', 'vmrestores'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineRestoreSchema,
  hasStatus: true,
  printerColumns: [
    { name: 'TargetKind', type: 'string', jsonPath: '.spec.target.kind' },
    { name: 'TargetName', type: 'string', jsonPath: '.spec.target.name' },
    { name: 'Complete', type: 'boolean', jsonPath: '.status.complete' },
    { name: 'RestoreTime', type: 'date', jsonPath: '.status.restoreTime' },
    { name: 'Error', type: 'string', jsonPath: '.status.error.message' },
  ],
  validate: (r, ctx) => validateRestore(r, ctx.old as VirtualMachineRestore | undefined),
});
