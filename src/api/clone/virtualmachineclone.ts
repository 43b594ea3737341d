// clone.kubevirt.io/v1beta1 VirtualMachineClone: asks for a new VM copied from a VM (or from a
// snapshot of one), its disks included. The clone controller (src/controllers/clone/) does it with
// a snapshot and a restore into the new VM, and writes the status.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind } from '../../machinery/kind.ts';
import { ConditionSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { stringEnum } from '../core/enum.ts';
import { CLONE_GROUP, CLONE_PHASES, CLONE_VERSION } from './common.ts';
import { defaultTarget } from './target-name.ts';
import { validateClone } from './validate.ts';

const strict = { additionalProperties: false } as const;

const SourceSchema = Type.Object(
  { apiGroup: Type.Optional(Type.String()), kind: Type.String(), name: Type.String() },
  { ...strict, description: 'A kubevirt.io VirtualMachine or a snapshot.kubevirt.io VirtualMachineSnapshot, in the same namespace.' },
);

const TargetSchema = Type.Object(
  { apiGroup: Type.Optional(Type.String()), kind: Type.String(), name: Type.Optional(Type.String({ description: 'Generated (clone-<source>-<random>) when empty.' })) },
  { ...strict, description: 'The kubevirt.io VirtualMachine to create (must not exist).' },
);

const Filters = (what: string) => Type.Optional(Type.Array(Type.String(), { description: `Which ${what} are copied: keys, "prefix*", "!excluded" (default: all).` }));

const CloneSpecSchema = Type.Object(
  {
    source: SourceSchema,
    target: Type.Optional(TargetSchema),
    labelFilters: Filters('labels of the VM'),
    annotationFilters: Filters('annotations of the VM'),
    template: Type.Optional(Type.Object({ labelFilters: Filters('labels of the VM template'), annotationFilters: Filters('annotations of the VM template') }, strict)),
    newMacAddresses: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Interface name → MAC of the clone (default: none, so a new one is generated).' })),
    newSMBiosSerial: Type.Optional(Type.String({ description: 'The SMBIOS serial of the clone (default: none, derived from the VM name).' })),
    patches: Type.Optional(Type.Array(Type.String(), { description: 'JSON patches applied to the target VM.' })),
  },
  { ...strict, description: 'What to clone into what.' },
);
export type CloneSpec = Static<typeof CloneSpecSchema>;

const CloneStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(CLONE_PHASES)),
    snapshotName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    restoreName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    targetName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    creationTimestamp: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
  },
  { ...strict, description: 'Where the clone stands.' },
);
export type CloneStatus = Static<typeof CloneStatusSchema>;

export const VirtualMachineCloneSchema = objectSchema({
  spec: CloneSpecSchema,
  status: CloneStatusSchema,
  description: 'VirtualMachineClone is a CRD that clones one VM into another.',
});

export type VirtualMachineClone = KubeObject & { spec?: CloneSpec; status?: CloneStatus };

export const virtualMachineCloneKind = defineKind<VirtualMachineClone>({
  group: CLONE_GROUP,
  version: CLONE_VERSION,
  kind: 'VirtualMachineClone',
  plural: 'virtualmachineclones',
  singular: 'virtualmachineclone',
  shortNames: ['vmclone', 'vmclones'],
  categories: ['all'],
  namespaced: true,
  schema: VirtualMachineCloneSchema,
  hasStatus: true,
  // KubeVirt's CRD columns.
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'SourceVirtualMachine', type: 'string', jsonPath: '.spec.source.name' },
    { name: 'TargetVirtualMachine', type: 'string', jsonPath: '.spec.target.name' },
  ],
  defaults: (c) => defaultTarget(c),
  validate: (c, ctx) => validateClone(c, ctx.old as VirtualMachineClone | undefined),
});
