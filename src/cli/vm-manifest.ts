// The VirtualMachine `vireo create vm` prints without --template, built as virtctl's `create vm`
// builds it: run strategy Always, 180 s grace period, an instance type and preference named
// `[kind/]name` (cluster-wide unless the kind says namespaced), guest memory (512Mi) only when no
// instance type sizes the VM, one DataVolume template and volume per --volume-import.
// Two differences, both so the output applies to Vireo as printed: every volume gets a disk of its
// name (Vireo's admission wants one where KubeVirt's mutator adds it), and nothing is inferred from
// the volumes (virtctl's implicit `inferFromVolume`; Vireo does not infer instance types yet).
import type { VirtualMachine } from '../api/kubevirt/index.ts';
import { RUN_STRATEGIES } from '../api/kubevirt/enums.ts';
import { flagError, quantityParam, randomSuffix, splitPrefixedName } from './create-params.ts';
import { volumeImport } from './volume-import.ts';

export interface VmManifestOptions {
  name?: string;
  namespace?: string;
  runStrategy: string;
  terminationGracePeriod: number;
  /** Given by the user (not the default): then it conflicts with an instance type. */
  memory?: string;
  instancetype?: string;
  preference?: string;
  volumeImport: string[];
}

export const DEFAULT_MEMORY = '512Mi';

function matcher(flag: 'instancetype' | 'preference', text: string, kinds: [string, string]): { name: string; kind?: string } {
  const { prefix, name } = splitPrefixedName(flag, text);
  if (prefix && !kinds.includes(prefix)) throw flagError(flag, `invalid ${flag} kind "${prefix}", supported values are: ${kinds.join(', ')}`);
  return { name, ...(prefix ? { kind: prefix } : {}) };
}

export function vmManifest(o: VmManifestOptions): VirtualMachine {
  if (!(RUN_STRATEGIES as readonly string[]).includes(o.runStrategy)) {
    throw flagError('run-strategy', `invalid RunStrategy "${o.runStrategy}", supported values are: ${RUN_STRATEGIES.join(', ')}`);
  }
  if (o.memory !== undefined && o.instancetype !== undefined) throw new Error('--memory and --instancetype are mutually exclusive: the instance type sets the memory');
  const name = o.name ?? `vm-${randomSuffix()}`;
  const templates = o.volumeImport.map(volumeImport);
  const names = new Set<string>();
  for (const t of templates) {
    const n = t.metadata.name ?? '';
    if (names.has(n)) throw flagError('volume-import', `there is already a volume with name '${n}'`);
    names.add(n);
  }
  const memory = o.instancetype === undefined ? quantityParam('memory', 'memory', o.memory ?? DEFAULT_MEMORY) : undefined;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      runStrategy: o.runStrategy as NonNullable<VirtualMachine['spec']>['runStrategy'],
      ...(o.instancetype !== undefined ? { instancetype: matcher('instancetype', o.instancetype, ['virtualmachineinstancetype', 'virtualmachineclusterinstancetype']) } : {}),
      ...(o.preference !== undefined ? { preference: matcher('preference', o.preference, ['virtualmachinepreference', 'virtualmachineclusterpreference']) } : {}),
      ...(templates.length ? { dataVolumeTemplates: templates } : {}),
      template: {
        spec: {
          domain: {
            ...(memory ? { memory: { guest: memory } } : {}),
            devices: templates.length ? { disks: [...names].map((n) => ({ name: n })) } : {},
          },
          terminationGracePeriodSeconds: o.terminationGracePeriod,
          ...(templates.length ? { volumes: [...names].map((n) => ({ name: n, dataVolume: { name: n } })) } : {}),
        },
      },
    },
  };
}
