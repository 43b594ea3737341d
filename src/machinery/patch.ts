// The three client-side patch formats a Kubernetes API server accepts on PATCH: JSON patch (RFC 6902),
// JSON merge patch (RFC 7386) and Kubernetes' strategic merge patch. Server-side apply is in apply.ts.
// Every function works on a deep copy: the caller's stored object is never mutated.
import jsonpatch from 'fast-json-patch';

/** A patch that cannot be applied; the message names the op/path and is meant for a 422/400 Status. */
export class PatchError extends Error {
  override name = 'PatchError';
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Plain assignment of a key such as "__proto__" (which JSON.parse happily produces) would change the
// prototype instead of adding a field; define it as data like any other key.
function setKey(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function describeOp(i: number, op: Obj): string {
  const from = op.op === 'move' || op.op === 'copy' ? ` from ${JSON.stringify(op.from)}` : '';
  return `json patch operation ${i} (${String(op.op)} ${JSON.stringify(op.path)}${from})`;
}

function checkOp(i: number, op: unknown): asserts op is Obj {
  if (!isObj(op)) throw new PatchError(`json patch operation ${i} is not an object`);
  if (typeof op.op !== 'string' || !OPS.has(op.op)) {
    throw new PatchError(
      `json patch operation ${i}: unknown op ${JSON.stringify(op.op)} (expected add, remove, replace, move, copy or test)`,
    );
  }
  if (typeof op.path !== 'string') throw new PatchError(`json patch operation ${i} (${op.op}): "path" must be a string`);
  if (op.path !== '' && !op.path.startsWith('/')) {
    throw new PatchError(`${describeOp(i, op)}: path must be empty or start with "/"`);
  }
  if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') {
    throw new PatchError(`json patch operation ${i} (${op.op} ${JSON.stringify(op.path)}): "from" must be a string`);
  }
  if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) {
    throw new PatchError(`${describeOp(i, op)}: "value" is required`);
  }
}

function pointerGet(doc: unknown, pointer: string): unknown {
  try {
    return jsonpatch.getValueByPointer(doc, pointer);
  } catch {
    return undefined; // only used to enrich an error message
  }
}

/** RFC 6902 JSON patch. Throws PatchError naming the failing operation, its index and path. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be a JSON array of operations');
  ops.forEach((op, i) => checkOp(i, op));
  let out: unknown = structuredClone(doc);
  ops.forEach((raw: Obj, i) => {
    // fast-json-patch keeps references to op values; clone so later ops cannot alias them.
    const op = structuredClone(raw) as unknown as jsonpatch.Operation;
    try {
      out = jsonpatch.applyOperation(out, op, true, true, true, i).newDocument;
    } catch (e) {
      throw new PatchError(`${describeOp(i, raw)}: ${explainJsonPatchFailure(e, raw, out)}`);
    }
  });
  return out;
}

function explainJsonPatchFailure(e: unknown, op: Obj, doc: unknown): string {
  const code = e instanceof jsonpatch.JsonPatchError ? e.name : '';
  switch (code) {
    case 'TEST_OPERATION_FAILED': {
      const actual = pointerGet(doc, op.path as string);
      return actual === undefined
        ? 'test failed: the path does not exist'
        : `test failed: value is ${JSON.stringify(actual)}, expected ${JSON.stringify(op.value)}`;
    }
    case 'OPERATION_PATH_UNRESOLVABLE':
      return 'the path does not exist';
    case 'OPERATION_FROM_UNRESOLVABLE':
      return 'the "from" path does not exist';
    case 'OPERATION_PATH_CANNOT_ADD':
      return 'the parent of the path does not exist';
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return 'array index is greater than the array length';
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return 'array index must be a non-negative integer or "-"';
    case 'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED':
      return 'value contains undefined';
    default:
      // fast-json-patch throws a TypeError for __proto__/constructor.prototype paths.
      return e instanceof Error ? e.message : String(e);
  }
}

/** RFC 7386 JSON merge patch: null deletes, objects merge, anything else (arrays too) replaces. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return mergeValue(doc, patch);
}

function mergeValue(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Obj = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, mergeValue(out[k], v));
  }
  return out;
}

/**
 * Kubernetes strategic merge patch, the parts kubectl relies on:
 * - maps merge recursively, `null` deletes a key; `$patch: replace` replaces a map, `$patch: delete` removes it;
 *   `$retainKeys: [...]` drops the keys of the merged map that are not listed;
 * - lists of objects with a merge key merge element by element (`$patch: delete` elements remove the
 *   matching element, a `{$patch: replace}` element replaces the whole list); `$setElementOrder/<field>`
 *   reorders the merged list; `$deleteFromPrimitiveList/<field>` removes scalars from a list;
 * - every other list is replaced, as in a merge patch.
 * `listMapKeys(path)` names the merge key of the list at `path` (field names from the root, list
 * elements add nothing: `['spec','template','spec','domain','devices','disks']`). When it returns
 * undefined (or is absent) the key is `name` if every element of both lists is an object with a string
 * `name`; return '' to force a list to be replaced. No `$`-prefixed key survives into the result.
 */
export function applyStrategicMergePatch(
  doc: unknown,
  patch: unknown,
  listMapKeys?: (path: string[]) => string | undefined,
): unknown {
  if (!isObj(patch)) throw new PatchError('a strategic merge patch must be a JSON object');
  const out = smpMap(doc, patch, [], listMapKeys ?? (() => undefined));
  return out === DELETE ? {} : out;
}

const DELETE = Symbol('delete');
type KeyFn = (path: string[]) => string | undefined;

function smpMap(target: unknown, patch: Obj, path: string[], keyOf: KeyFn): Obj | typeof DELETE {
  const directive = patch.$patch;
  if (directive === 'delete') return DELETE;
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge') {
    throw new PatchError(`unknown $patch directive ${JSON.stringify(directive)} at ${fmtPath(path)}`);
  }
  const out: Obj = directive !== 'replace' && isObj(target) ? structuredClone(target) : {};
  // Primitive-list deletions apply to the live list before the patch's own value for that field.
  for (const [k, v] of Object.entries(patch)) {
    const field = k.startsWith('$deleteFromPrimitiveList/') ? k.slice('$deleteFromPrimitiveList/'.length) : undefined;
    if (field !== undefined && Array.isArray(v) && Array.isArray(out[field])) {
      setKey(out, field, (out[field] as unknown[]).filter((x) => !v.some((d) => deepEqual(d, x))));
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = smpValue(out[k], v, [...path, k], keyOf);
    if (merged === DELETE) delete out[k];
    else setKey(out, k, merged);
  }
  for (const [k, v] of Object.entries(patch)) {
    const field = k.startsWith('$setElementOrder/') ? k.slice('$setElementOrder/'.length) : undefined;
    if (field !== undefined && Array.isArray(v) && Array.isArray(out[field])) {
      setKey(out, field, applyElementOrder(out[field] as unknown[], v, keyOf([...path, field])));
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.filter((x): x is string => typeof x === 'string'));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return stripDirectives(out);
}

function smpValue(target: unknown, patch: unknown, path: string[], keyOf: KeyFn): unknown {
  if (isObj(patch)) return smpMap(target, patch, path, keyOf);
  if (Array.isArray(patch)) return smpList(target, patch, path, keyOf);
  return patch;
}

function smpList(target: unknown, patch: unknown[], path: string[], keyOf: KeyFn): unknown[] {
  const live = Array.isArray(target) ? target : [];
  if (patch.some((e) => isObj(e) && e.$patch === 'replace')) {
    return patch.filter((e) => !(isObj(e) && e.$patch === 'replace')).map((e) => cleanNew(e, path, keyOf));
  }
  const key = mergeKey(live, patch, path, keyOf);
  if (!key) return patch.map((e) => cleanNew(e, path, keyOf));
  const out = live.map((e) => structuredClone(e));
  for (const p of patch) {
    if (!isObj(p) || p[key] === undefined) {
      throw new PatchError(`element of the list at ${fmtPath(path)} does not contain its merge key "${key}"`);
    }
    const i = out.findIndex((e) => isObj(e) && deepEqual(e[key], p[key]));
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const merged = smpMap(i >= 0 ? out[i] : undefined, p, path, keyOf);
    if (merged === DELETE) continue;
    if (i >= 0) out[i] = merged;
    else out.push(merged);
  }
  return out;
}

function mergeKey(live: unknown[], patch: unknown[], path: string[], keyOf: KeyFn): string {
  const explicit = keyOf(path);
  if (explicit !== undefined) return explicit;
  const all = [...live, ...patch];
  const named = all.length > 0 && all.every((e) => isObj(e) && typeof e.name === 'string');
  return named ? 'name' : '';
}

// A value that replaces (or is added) still must not carry directives or nulls.
function cleanNew(v: unknown, path: string[], keyOf: KeyFn): unknown {
  if (isObj(v)) {
    const r = smpMap(undefined, v, path, keyOf);
    return r === DELETE ? {} : r;
  }
  return structuredClone(v);
}

function stripDirectives(o: Obj): Obj {
  for (const k of Object.keys(o)) if (k.startsWith('$')) delete o[k];
  return o;
}

// Elements named in the order list come first, in that order; the rest keep their relative order.
function applyElementOrder(list: unknown[], order: unknown[], explicitKey: string | undefined): unknown[] {
  const key = explicitKey || 'name';
  const rank = (e: unknown): number => {
    const i = order.findIndex((o) =>
      isObj(o) && isObj(e) ? deepEqual(o[key], e[key]) : deepEqual(o, e),
    );
    return i < 0 ? order.length : i;
  };
  return list
    .map((e, i) => ({ e, i, r: rank(e) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}

function fmtPath(path: string[]): string {
  return path.length ? path.join('.') : '<root>';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return jsonpatch._areEquals(a, b);
}
