// bootOrder is one global order over disks and interfaces: each value at least 1, none twice.
import type { FieldError } from '../../machinery/kind.ts';
import { duplicate, invalid } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

export function validateBootOrder(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const devices = [
    ...(spec.domain?.devices?.disks ?? []).map((d, i) => ({ order: d.bootOrder, path: indexPath(fieldPath(at, 'domain.devices.disks'), i) })),
    ...(spec.domain?.devices?.interfaces ?? []).map((d, i) => ({
      order: d.bootOrder,
      path: indexPath(fieldPath(at, 'domain.devices.interfaces'), i),
    })),
  ];
  const seen = new Map<number, string>();
  const errs: FieldError[] = [];
  for (const { order, path } of devices) {
    if (order === undefined) continue;
    const f = fieldPath(path, 'bootOrder');
    if (order < 1) {
      errs.push(invalid(f, `${f}: must be at least 1 (got ${order}); 1 boots first`));
      continue;
    }
    const other = seen.get(order);
    if (other) errs.push(duplicate(f, `${f}: boot order ${order} is already used by ${other}: each disk and interface needs its own`));
    else seen.set(order, path);
  }
  return errs;
}
