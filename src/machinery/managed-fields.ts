// Field ownership as Kubernetes records it in metadata.managedFields (FieldsV1): sets of field paths, their
// conversion to and from the FieldsV1 trie, and the walks/diffs that produce them from objects.
// A path element is `f:<field>` or, for an item of an associative list (objects keyed by `name`),
// `k:{"name":"<value>"}`. A FieldsV1 node `{}` is a member; `".": {}` marks a member that also has
// children (a list item whose fields are listed too).

export type FieldPath = string[];
type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const keyOf = (p: FieldPath) => JSON.stringify(p);

/** A set of field paths. */
export class FieldSet {
  private readonly m = new Map<string, FieldPath>();
  private prefixes: Set<string> | undefined; // keys of every strict prefix of a member, built lazily

  constructor(paths: Iterable<FieldPath> = []) {
    for (const p of paths) this.add(p);
  }
  get size(): number {
    return this.m.size;
  }
  add(p: FieldPath): void {
    this.m.set(keyOf(p), p);
    this.prefixes = undefined;
  }
  delete(p: FieldPath): void {
    this.m.delete(keyOf(p));
    this.prefixes = undefined;
  }
  has(p: FieldPath): boolean {
    return this.m.has(keyOf(p));
  }
  paths(): FieldPath[] {
    return [...this.m.values()];
  }
  /** True when some member lies strictly below `p`. */
  hasBelow(p: FieldPath): boolean {
    this.prefixes ??= new Set(this.paths().flatMap((q) => q.slice(0, -1).map((_, i) => keyOf(q.slice(0, i + 1)))));
    return this.prefixes.has(keyOf(p));
  }
  /** True when `p` or one of its ancestors is a member. */
  hasAtOrAbove(p: FieldPath): boolean {
    return p.some((_, i) => this.has(p.slice(0, i + 1)));
  }
  union(o: FieldSet): FieldSet {
    return new FieldSet([...this.paths(), ...o.paths()]);
  }
  minus(o: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => !o.has(p)));
  }
  /** Members that are neither in `o` nor below one of its members. */
  minusSubtrees(o: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => !o.hasAtOrAbove(p)));
  }
}

// ---- FieldsV1 <-> FieldSet ----

export function fieldsV1ToSet(f: unknown): FieldSet {
  const out = new FieldSet();
  const walk = (node: unknown, path: FieldPath) => {
    if (!isObj(node)) return;
    for (const [k, child] of Object.entries(node)) {
      if (k === '.') out.add(path);
      else if (isObj(child) && Object.keys(child).length === 0) out.add([...path, k]);
      else walk(child, [...path, k]);
    }
  };
  walk(f, []);
  return out;
}

interface Node {
  member: boolean;
  children: Map<string, Node>;
}

export function setToFieldsV1(s: FieldSet): Record<string, unknown> {
  const root: Node = { member: false, children: new Map() };
  for (const p of s.paths()) {
    let n = root;
    for (const el of p) {
      let c = n.children.get(el);
      if (!c) n.children.set(el, (c = { member: false, children: new Map() }));
      n = c;
    }
    n.member = true;
  }
  // Sorted like the apiserver's serialization so equal sets serialize identically.
  const emit = (n: Node): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    if (n.member && n.children.size > 0) o['.'] = {};
    for (const k of [...n.children.keys()].sort()) o[k] = emit(n.children.get(k)!);
    return o;
  };
  return emit(root);
}

// ---- lists ----

/** A list merged item by item: non-empty, every item an object with a distinct string `name`. */
export function isAssociativeList(v: unknown): v is Obj[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  const names = new Set<string>();
  for (const e of v) {
    if (!isObj(e) || typeof e.name !== 'string' || names.has(e.name)) return false;
    names.add(e.name);
  }
  return true;
}

export const itemElement = (item: Obj): string => `k:${JSON.stringify({ name: item.name })}`;

// ---- walking objects ----

/** Every owned-able path in `value`: leaves, atomic lists, empty maps, associative-list items. */
export function fieldSetOf(value: unknown, prefix: FieldPath = [], out = new FieldSet()): FieldSet {
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix.length > 0) out.add(prefix);
    for (const k of keys) fieldSetOf(value[k], [...prefix, `f:${k}`], out);
  } else if (isAssociativeList(value)) {
    for (const item of value) {
      const p = [...prefix, itemElement(item)];
      out.add(p);
      for (const [k, v] of Object.entries(item)) fieldSetOf(v, [...p, `f:${k}`], out);
    }
  } else if (prefix.length > 0) {
    out.add(prefix);
  }
  return out;
}

function stepInto(v: unknown, el: string): unknown {
  if (el.startsWith('f:')) {
    const k = el.slice(2);
    return isObj(v) && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined;
  }
  if (el.startsWith('k:') && Array.isArray(v)) {
    const key = JSON.parse(el.slice(2)) as Obj;
    return v.find((e) => isObj(e) && Object.entries(key).every(([k, x]) => e[k] === x));
  }
  return undefined;
}

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  return path.reduce(stepInto, obj);
}

/** Deletes the field or list item at `path` in place; a missing path is a no-op. */
export function removeAt(obj: unknown, path: FieldPath): void {
  const parent = valueAt(obj, path.slice(0, -1));
  const el = path[path.length - 1];
  if (el === undefined) return;
  if (el.startsWith('f:') && isObj(parent)) delete parent[el.slice(2)];
  else if (el.startsWith('k:') && Array.isArray(parent)) {
    const item = stepInto(parent, el);
    if (item !== undefined) parent.splice(parent.indexOf(item), 1);
  }
}

/** `.spec.disks[name="rootdisk"].bus`, the way structured-merge-diff prints a path in conflicts. */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      if (el.startsWith('f:')) return `.${el.slice(2)}`;
      if (el.startsWith('k:')) {
        const key = JSON.parse(el.slice(2)) as Obj;
        return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      if (el.startsWith('v:')) return `[=${el.slice(2)}]`;
      if (el.startsWith('i:')) return `[${el.slice(2)}]`;
      return `.${el}`;
    })
    .join('');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

// ---- what a manager can own ----

/** Metadata the server maintains; nobody owns it. */
export const IGNORED_METADATA = [
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
export const IGNORED_TOP_LEVEL = ['apiVersion', 'kind', 'status'];

/**
 * A deep copy of the part of `obj` that field managers own: without apiVersion, kind, status and the
 * server-maintained metadata — or, for the `status` subresource, only `status`.
 */
export function ownedPart(obj: Obj | undefined, subresource?: string): Obj {
  if (!obj) return {};
  if (subresource === 'status') return obj.status === undefined ? {} : { status: structuredClone(obj.status) };
  const out = structuredClone(obj);
  for (const k of IGNORED_TOP_LEVEL) delete out[k];
  if (isObj(out.metadata)) {
    for (const k of IGNORED_METADATA) delete out.metadata[k];
    if (Object.keys(out.metadata).length === 0) delete out.metadata;
  }
  return out;
}

// ---- diff for Update operations ----

type Shape = 'map' | 'assoc' | 'leaf';
const shapeOf = (v: unknown): Shape => (isObj(v) ? 'map' : isAssociativeList(v) ? 'assoc' : 'leaf');

/**
 * What a write changed, as structured-merge-diff's Compare: `changed` are added or modified paths
 * (the writer takes them over), `removed` are paths that no longer exist (nobody owns them now,
 * nor anything below them).
 */
export function diffFields(oldV: unknown, newV: unknown): { changed: FieldSet; removed: FieldSet } {
  const changed = new FieldSet();
  const removed = new FieldSet();
  const walk = (a: unknown, b: unknown, path: FieldPath) => {
    if (b === undefined) {
      if (a !== undefined && path.length) removed.add(path);
      return;
    }
    if (a === undefined) {
      fieldSetOf(b, path, changed);
      return;
    }
    const [sa, sb] = [shapeOf(a), shapeOf(b)];
    if (sa !== sb) {
      removed.add(path);
      if (sb === 'leaf') changed.add(path);
      else fieldSetOf(b, path, changed);
    } else if (sa === 'map') {
      const [ma, mb] = [a as Obj, b as Obj];
      if (Object.keys(mb).length === 0 && Object.keys(ma).length > 0 && path.length) changed.add(path);
      for (const k of new Set([...Object.keys(ma), ...Object.keys(mb)])) walk(ma[k], mb[k], [...path, `f:${k}`]);
    } else if (sa === 'assoc') {
      const [la, lb] = [a as Obj[], b as Obj[]];
      for (const item of la) {
        if (!lb.some((x) => x.name === item.name)) removed.add([...path, itemElement(item)]);
      }
      for (const item of lb) {
        const p = [...path, itemElement(item)];
        const before = la.find((x) => x.name === item.name);
        if (!before) changed.add(p);
        walk(before, item, p);
      }
    } else if (!deepEqual(a, b)) {
      changed.add(path);
    }
  };
  walk(oldV, newV, []);
  return { changed, removed };
}
