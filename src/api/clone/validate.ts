// Admission rules of a VirtualMachineClone (KubeVirt's clone admitter, with real field paths): a
// supported source and target, sane filters, MACs and patches; the spec never changes afterwards.
import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../../machinery/kind.ts';
import { invalid, notSupported, required } from '../common/field-error.ts';
import { validateVmName } from '../common/names.ts';
import { SOURCE_KINDS, TARGET_API_GROUP, TARGET_KIND, type SourceKind } from './common.ts';
import { validateFilters } from './filters-rules.ts';
import type { CloneSpec, VirtualMachineClone } from './virtualmachineclone.ts';

const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
const isSourceKind = (k: string): k is SourceKind => Object.hasOwn(SOURCE_KINDS, k);

function validateSource(source: CloneSpec['source'] | undefined): FieldError[] {
  if (!source) return [required('spec.source', 'Source cannot be nil')];
  const errs: FieldError[] = [];
  if (!isSourceKind(source.kind)) {
    const supported = Object.keys(SOURCE_KINDS).map((k) => `"${k}"`).join(', ');
    errs.push(notSupported('spec.source.kind', `Unsupported value: "${source.kind}": supported values: ${supported}`));
  } else if (source.apiGroup !== SOURCE_KINDS[source.kind]) {
    errs.push(invalid('spec.source.apiGroup', `Invalid value: "${source.apiGroup ?? ''}": a ${source.kind} is in apiGroup ${SOURCE_KINDS[source.kind]}`));
  }
  if (!source.name) errs.push(required('spec.source.name', "Source's name cannot be empty"));
  return errs;
}

function validateTarget(spec: CloneSpec): FieldError[] {
  const target = spec.target;
  if (!target) return [];
  const errs: FieldError[] = [];
  if (target.kind !== TARGET_KIND) errs.push(notSupported('spec.target.kind', `Unsupported value: "${target.kind}": supported values: "${TARGET_KIND}"`));
  if (target.apiGroup !== undefined && target.apiGroup !== TARGET_API_GROUP) errs.push(invalid('spec.target.apiGroup', `Invalid value: "${target.apiGroup}": must be ${TARGET_API_GROUP}`));
  if (target.name) {
    for (const m of validateVmName(target.name)) errs.push(invalid('spec.target.name', m));
    if (spec.source?.kind === 'VirtualMachine' && target.name === spec.source.name) {
      errs.push(invalid('spec.target.name', 'Target name cannot be equal to source name when both are VirtualMachines'));
    }
  }
  return errs;
}

function validateMacs(macs: Record<string, string> | undefined): FieldError[] {
  return Object.entries(macs ?? {}).flatMap(([iface, mac]) =>
    mac !== '' && !MAC.test(mac) ? [invalid(`spec.newMacAddresses[${iface}]`, `interface ${iface} has malformed MAC address (${mac}).`)] : [],
  );
}

/** The restore that applies them allows only labels, annotations and /spec/ (KubeVirt's rule). */
function validatePatches(patches: string[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  (patches ?? []).forEach((p, i) => {
    let op: unknown;
    try {
      op = JSON.parse(p);
    } catch {
      return void errs.push(invalid(`spec.patches[${i}]`, `patch is not valid JSON (${p})`));
    }
    const path = typeof op === 'object' && op !== null ? (op as { path?: unknown }).path : undefined;
    if (typeof path !== 'string') return void errs.push(invalid(`spec.patches[${i}]`, 'patch is not a JSON patch operation with a "path"'));
    if (!/^\/(spec\/|metadata\/labels\/|metadata\/annotations\/)/.test(path)) {
      errs.push(invalid(`spec.patches[${i}]`, `patching is valid only for elements under /spec/ only: "path": "${path}"`));
    }
  });
  return errs;
}

export function validateClone(c: VirtualMachineClone, old: VirtualMachineClone | undefined): FieldError[] {
  if (old) return isDeepStrictEqual(old.spec, c.spec) ? [] : [invalid('spec', 'spec is immutable after creation')];
  const spec = c.spec;
  if (!spec) return [required('spec', 'spec: Required value')];
  return [
    ...validateSource(spec.source),
    ...validateTarget(spec),
    ...validateFilters(spec.labelFilters, 'spec.labelFilters'),
    ...validateFilters(spec.annotationFilters, 'spec.annotationFilters'),
    ...validateFilters(spec.template?.labelFilters, 'spec.template.labelFilters'),
    ...validateFilters(spec.template?.annotationFilters, 'spec.template.annotationFilters'),
    ...validateMacs(spec.newMacAddresses),
    ...validatePatches(spec.patches),
  ];
}
