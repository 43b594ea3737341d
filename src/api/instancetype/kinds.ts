// The four instancetype.kubevirt.io/v1beta1 kinds: instance types and preferences, each namespaced
// and cluster-wide. Declared once from one helper, as they differ only in scope and spec.
import type { TSchema } from '@sinclair/typebox';
import { defineKind, type KindDefinition, type PrinterColumn } from '../../machinery/kind.ts';
import { objectSchema, type KubeObject } from '../../machinery/object.ts';
import { InstancetypeSpecSchema, PreferenceSpecSchema, type InstancetypeSpec, type PreferenceSpec } from './schemas.ts';

export const INSTANCETYPE_GROUP = 'instancetype.kubevirt.io';
export const INSTANCETYPE_API_VERSION = `${INSTANCETYPE_GROUP}/v1beta1`;

export type Instancetype = KubeObject & { spec?: InstancetypeSpec };
export type Preference = KubeObject & { spec?: PreferenceSpec };

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function kind(k: string, plural: string, shortNames: string[], namespaced: boolean, spec: TSchema, description: string): KindDefinition {
  return defineKind<KubeObject>({
    group: INSTANCETYPE_GROUP,
    version: 'v1beta1',
    kind: k,
    plural,
    singular: plural.replace(/s$/, ''),
    shortNames,
    namespaced,
    schema: objectSchema({ spec, description }),
    hasStatus: false,
    printerColumns: [AGE],
  });
}

const IT = 'An instance type: the CPU and memory a VM gets.';
const PREF = 'A preference: defaults for what a VM does not set.';

export const instancetypeKinds: KindDefinition[] = [
  kind('VirtualMachineInstancetype', 'virtualmachineinstancetypes', ['vminstancetype', 'vminstancetypes', 'vmf', 'vmfs'], true, InstancetypeSpecSchema, IT),
  kind('VirtualMachineClusterInstancetype', 'virtualmachineclusterinstancetypes', ['vmclusterinstancetype', 'vmclusterinstancetypes', 'vmcf', 'vmcfs'], false, InstancetypeSpecSchema, IT),
  kind('VirtualMachinePreference', 'virtualmachinepreferences', ['vmpref', 'vmprefs', 'vmp', 'vmps'], true, PreferenceSpecSchema, PREF),
  kind('VirtualMachineClusterPreference', 'virtualmachineclusterpreferences', ['vmclusterpref', 'vmclusterprefs', 'vmcp', 'vmcps'], false, PreferenceSpecSchema, PREF),
];

/** The kind a VM's matcher names: cluster-wide unless it says the namespaced kind. */
export function matcherKind(what: 'instancetype' | 'preference', kindName: string | undefined): { plural: string; namespaced: boolean } {
  const k = (kindName ?? '').toLowerCase();
  if (what === 'instancetype') {
    return k === 'virtualmachineinstancetype' ? { plural: 'virtualmachineinstancetypes', namespaced: true } : { plural: 'virtualmachineclusterinstancetypes', namespaced: false };
  }
  return k === 'virtualmachinepreference' ? { plural: 'virtualmachinepreferences', namespaced: true } : { plural: 'virtualmachineclusterpreferences', namespaced: false };
}
