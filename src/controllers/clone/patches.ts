// The JSON patches a clone's restore applies to the new VM (KubeVirt's generatePatches): new or no
// MAC on each interface (none: the node picks a fresh one), a new or no SMBIOS serial, no firmware
// UUID, the labels and annotations the filters drop; then the clone's own patches.
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import type { ObjectMeta } from '../../machinery/object.ts';
import type { CloneSpec } from '../../api/clone/index.ts';
import { LAST_RESTORE_ANNOTATION } from '../snapshot/restore-plan.ts';
import { droppedKeys } from './filters.ts';

/** A VM or the snapshot's copy of one. */
export type SourceVm = { metadata?: ObjectMeta; spec?: VirtualMachine['spec'] };
type Op = { op: 'add' | 'remove'; path: string; value?: unknown };

/** RFC 6901: `~` then `/` (a key like app.kubernetes.io/name). */
export const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

const DOMAIN = '/spec/template/spec/domain';

function macOps(vm: SourceVm, macs: Record<string, string> | undefined): Op[] {
  const interfaces = vm.spec?.template?.spec?.domain?.devices?.interfaces ?? [];
  return interfaces.flatMap((iface, i): Op[] => {
    const path = `${DOMAIN}/devices/interfaces/${i}/macAddress`;
    const mac = macs?.[iface.name];
    if (mac) return [{ op: 'add', path, value: mac }];
    return iface.macAddress !== undefined ? [{ op: 'remove', path }] : [];
  });
}

function firmwareOps(vm: SourceVm, serial: string | undefined): Op[] {
  const firmware = vm.spec?.template?.spec?.domain?.firmware;
  const ops: Op[] = [];
  if (firmware?.uuid !== undefined) ops.push({ op: 'remove', path: `${DOMAIN}/firmware/uuid` });
  if (serial) ops.push(firmware ? { op: 'add', path: `${DOMAIN}/firmware/serial`, value: serial } : { op: 'add', path: `${DOMAIN}/firmware`, value: { serial } });
  else if (firmware?.serial !== undefined) ops.push({ op: 'remove', path: `${DOMAIN}/firmware/serial` });
  return ops;
}

function filterOps(m: Record<string, string> | undefined, filters: string[] | undefined, base: string): Op[] {
  return droppedKeys(m, filters).map((k) => ({ op: 'remove', path: `${base}/${escapePointer(k)}` }));
}

/** `vm` is the VM the restore starts from (the snapshot's copy), so every removed path exists. */
export function clonePatches(vm: SourceVm, spec: CloneSpec): string[] {
  // The restore marks the new VM with this annotation to know it made it: never filtered away.
  const { [LAST_RESTORE_ANNOTATION]: _restore, ...annotations } = vm.metadata?.annotations ?? {};
  const template = vm.spec?.template?.metadata;
  const ops = [
    ...macOps(vm, spec.newMacAddresses),
    ...firmwareOps(vm, spec.newSMBiosSerial),
    ...filterOps(vm.metadata?.labels, spec.labelFilters, '/metadata/labels'),
    ...filterOps(annotations, spec.annotationFilters, '/metadata/annotations'),
    ...filterOps(template?.labels, spec.template?.labelFilters, '/spec/template/metadata/labels'),
    ...filterOps(template?.annotations, spec.template?.annotationFilters, '/spec/template/metadata/annotations'),
  ];
  return [...ops.map((o) => JSON.stringify(o)), ...(spec.patches ?? [])];
}
