// Names within one list (disks, volumes, interfaces, ...) must be unique.
import type { FieldError } from '../../machinery/kind.ts';
import { duplicate } from './field-error.ts';
import { fieldPath, indexPath } from './field-path.ts';

/** One FieldValueDuplicate per repeated name, at `list[i].name`, naming the first use. */
export function duplicateNames(items: { name?: string }[], listPath: string): FieldError[] {
  const seen = new Map<string, number>();
  const errs: FieldError[] = [];
  items.forEach((item, i) => {
    if (item.name === undefined) return;
    const first = seen.get(item.name);
    if (first === undefined) {
      seen.set(item.name, i);
      return;
    }
    const f = fieldPath(indexPath(listPath, i), 'name');
    errs.push(duplicate(f, `${f}: duplicate name "${item.name}", already used by ${indexPath(listPath, first)}: names must be unique`));
  });
  return errs;
}
