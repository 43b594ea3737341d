// Finds where an API field path (a Status cause's `field`, e.g.
// `spec.template.spec.volumes[2].containerDisk.image`) sits in the YAML text the user wrote, so the
// error can be shown on that line. Pure logic over the `yaml` library's source ranges.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export type PathSegment = string | number;

/** `a.b[2].c` → ['a', 'b', 2, 'c']; `metadata.labels[app.kubernetes.io/name]` keeps the dotted key whole. */
export function fieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(?:"([^"]*)"|'([^']*)'|([^\]]*))\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else {
      const key = m[2] ?? m[3] ?? m[4] ?? '';
      out.push(/^\d+$/.test(key) && m[4] !== undefined ? Number(key) : key);
    }
  }
  return out;
}

export interface FieldLocation {
  from: number;
  to: number;
  /** False when only an ancestor of the field was found (the field itself is not in the text). */
  exact: boolean;
}

/**
 * The text range of `field` in `text`: its key (and scalar value) or its list item; else the deepest
 * ancestor that is there; undefined when not even the first segment is, or the text does not parse.
 */
export function locateField(text: string, field: string): FieldLocation | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  let node: unknown = doc.contents;
  let found: FieldLocation | undefined;
  const path = fieldPath(field);
  for (const [i, seg] of path.entries()) {
    let next: unknown;
    let range: [number, number] | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      const key = pair?.key as Node | undefined;
      if (pair && key?.range) {
        next = pair.value;
        const value = pair.value as Node | null;
        // A scalar value is on the key's line: take both; a map or list below: just the key.
        range = [key.range[0], isScalar(value) && value.range ? value.range[1] : key.range[1]];
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item?.range) {
        next = item;
        range = [item.range[0], isMap(item) || isSeq(item) ? lineEnd(text, item.range[0]) : item.range[1]];
      }
    }
    if (!range) break;
    found = { from: range[0], to: range[1], exact: i === path.length - 1 };
    node = next;
  }
  return found;
}

const lineEnd = (text: string, from: number): number => {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
};
