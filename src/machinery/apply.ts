// Server-side apply (`application/apply-patch+yaml`) and the managedFields bookkeeping of ordinary writes.
// A simplified structured-merge-diff without schemas: maps merge, lists of objects keyed by a distinct
// `name` are associative (merged by name), every other list is atomic. Ownership lives in
// metadata.managedFields as FieldsV1, so kubectl's conflict messages and `--show-managed-fields` work.
import {
  FieldSet,
  IGNORED_METADATA,
  IGNORED_TOP_LEVEL,
  deepEqual,
  diffFields,
  fieldSetOf,
  fieldsV1ToSet,
  isAssociativeList,
  isObj,
  ownedPart,
  pathString,
  removeAt,
  setToFieldsV1,
  valueAt,
  type FieldPath,
} from './managed-fields.ts';
import { PatchError } from './patch.ts';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** The Kubernetes message (`Apply failed with 1 conflict: conflict with "m" using v1: .spec.x`); 409. */
export class ApplyConflictError extends Error {
  override name = 'ApplyConflictError';
  /** One per conflicting field; `message` is the per-cause text (`conflict with "m" using v1`). */
  conflicts: { manager: string; field: string; message: string }[];
  constructor(conflicts: { manager: string; field: string; message: string }[]) {
    super(conflictMessage(conflicts));
    this.conflicts = conflicts;
  }
}

// Mirrors apimachinery's getConflictMessage: one conflict inline, several grouped by manager.
function conflictMessage(cs: { field: string; message: string }[]): string {
  const n = `Apply failed with ${cs.length} conflict${cs.length === 1 ? '' : 's'}: `;
  if (cs.length === 1) return `${n}${cs[0]!.message}: ${cs[0]!.field}`;
  const byManager = new Map<string, string[]>();
  for (const c of cs) byManager.set(c.message, [...(byManager.get(c.message) ?? []), c.field]);
  const lines = [...byManager.keys()].sort().flatMap((m) => [`${m.replace(/^conflict /, 'conflicts ')}:`, ...byManager.get(m)!.map((f) => `- ${f}`)]);
  return n + lines.join('\n');
}

function describeManager(e: ManagedFieldsEntry): string {
  let s = `conflict with ${JSON.stringify(e.manager)}`;
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

type Obj = Record<string, unknown>;

function readEntries(obj: Obj | undefined): ManagedFieldsEntry[] {
  const meta = obj?.metadata;
  const list = isObj(meta) && Array.isArray(meta.managedFields) ? meta.managedFields : [];
  return list
    .filter((e): e is Obj => isObj(e) && typeof e.manager === 'string' && (e.operation === 'Apply' || e.operation === 'Update'))
    .map((e) => ({ ...structuredClone(e), fieldsType: 'FieldsV1', fieldsV1: isObj(e.fieldsV1) ? structuredClone(e.fieldsV1) : {} }) as ManagedFieldsEntry);
}

function writeEntries(obj: Obj, entries: { entry: ManagedFieldsEntry; set: FieldSet }[]): void {
  const kept = entries.filter((x) => x.set.size > 0).map((x) => ({ ...x.entry, fieldsV1: setToFieldsV1(x.set) }));
  if (!isObj(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata as Obj;
  if (kept.length) meta.managedFields = kept;
  else delete meta.managedFields;
}

function newEntry(manager: string, operation: 'Apply' | 'Update', apiVersion: string, time: string, subresource?: string): ManagedFieldsEntry {
  const e: ManagedFieldsEntry = { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: {} };
  if (subresource) e.subresource = subresource;
  return e;
}

/** Merges an applied configuration into (a private copy of) the live value. */
function mergeApplied(live: unknown, applied: unknown): unknown {
  if (isObj(applied)) {
    const out: Obj = isObj(live) ? live : {};
    for (const [k, v] of Object.entries(applied)) {
      Object.defineProperty(out, k, { value: mergeApplied(out[k], v), writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  if (isAssociativeList(applied) && (live === undefined || isAssociativeList(live))) {
    const out: Obj[] = live ?? [];
    for (const item of applied) {
      const i = out.findIndex((x) => x.name === item.name);
      if (i >= 0) out[i] = mergeApplied(out[i], item) as Obj;
      else out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(applied);
}

// A field "changes" when it appears, disappears, or (for leaves and atomic lists) its value differs.
// Maps and list items present on both sides are unchanged themselves; their fields are judged apart.
function changedAt(before: unknown, after: unknown, path: FieldPath): boolean {
  const [a, b] = [valueAt(before, path), valueAt(after, path)];
  if (a === undefined || b === undefined) return a !== b;
  if (isObj(a) && isObj(b)) return false;
  return !deepEqual(a, b);
}

/**
 * Server-side apply of `applied` onto `live` (undefined to create) by `opts.manager`. Returns the new
 * object with metadata.managedFields updated; throws ApplyConflictError when a field another manager
 * owns would change and `force` is false. Server-maintained fields (name, namespace, uid,
 * resourceVersion, generation, creationTimestamp, …), apiVersion, kind and status are never owned: they
 * are taken from `live` (from `applied` on create), except apiVersion/kind, which follow `applied`.
 * A previously applied field the manager no longer applies is removed unless another manager owns it
 * (or something below it); maps left empty by such removals, and owned by no one, go too.
 * Do not follow this with recordUpdate for the same write: it would move the fields just applied from
 * the Apply entry into an Update entry. A non-object `applied` throws PatchError.
 */
export function serverSideApply(
  live: Record<string, unknown> | undefined,
  applied: Record<string, unknown>,
  opts: { manager: string; force: boolean; apiVersion: string; now: string },
): Record<string, unknown> {
  if (!isObj(applied)) throw new PatchError('an apply patch must be a single YAML or JSON object');
  const entries = readEntries(live);
  // As the apiserver: fields of an object nobody has claimed yet belong to "before-first-apply".
  if (live && entries.length === 0) {
    const e = newEntry('before-first-apply', 'Update', typeof live.apiVersion === 'string' ? live.apiVersion : opts.apiVersion, opts.now);
    e.fieldsV1 = setToFieldsV1(fieldSetOf(ownedPart(live)));
    entries.push(e);
  }
  const isMine = (e: ManagedFieldsEntry) => e.manager === opts.manager && e.operation === 'Apply' && !e.subresource;
  const mine = entries.find(isMine);
  const previous = mine ? fieldsV1ToSet(mine.fieldsV1) : new FieldSet();
  const others = entries.filter((e) => !isMine(e)).map((entry) => ({ entry, set: fieldsV1ToSet(entry.fieldsV1) }));

  const liveOwned = ownedPart(live);
  const appliedOwned = ownedPart(applied);
  const appliedSet = fieldSetOf(appliedOwned);
  const merged = mergeApplied(structuredClone(liveOwned), appliedOwned) as Obj;

  const conflicts: { manager: string; field: string; message: string }[] = [];
  const lost: { set: FieldSet; path: FieldPath }[] = [];
  for (const o of others) {
    for (const q of o.set.paths()) {
      const touched = appliedSet.hasAtOrAbove(q) || appliedSet.hasBelow(q);
      if (touched && changedAt(liveOwned, merged, q)) {
        conflicts.push({ manager: o.entry.manager, field: pathString(q), message: describeManager(o.entry) });
        lost.push({ set: o.set, path: q });
      }
    }
  }
  if (conflicts.length && !opts.force) throw new ApplyConflictError(conflicts);
  for (const { set, path } of lost) set.delete(path); // force: ownership moves to the applier

  const ownedByOthers = others.reduce((acc, o) => acc.union(o.set), new FieldSet());
  const keep = (p: FieldPath) => appliedSet.has(p) || ownedByOthers.has(p) || ownedByOthers.hasBelow(p);
  const dropped = previous.minus(appliedSet).paths().sort((a, b) => a.length - b.length);
  for (const p of dropped) {
    if (keep(p)) continue;
    // An item kept for another owner keeps its key.
    if (p.length >= 2 && p[p.length - 2]!.startsWith('k:') && p[p.length - 1] === 'f:name') continue;
    removeAt(merged, p);
    for (let i = p.length - 1; i > 0; i--) {
      const anc = p.slice(0, i);
      const v = valueAt(merged, anc);
      const empty = (isObj(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
      if (!empty || keep(anc)) break;
      removeAt(merged, anc);
    }
  }

  const result = compose(live, applied, merged);
  const myEntry = { ...(mine ?? newEntry(opts.manager, 'Apply', opts.apiVersion, opts.now)), apiVersion: opts.apiVersion, time: opts.now };
  const all = entries.map((entry) =>
    isMine(entry) ? { entry: myEntry, set: appliedSet } : others.find((o) => o.entry === entry)!,
  );
  if (!mine) all.push({ entry: myEntry, set: appliedSet });
  writeEntries(result, all);
  return result;
}

// The owned fields plus the never-owned ones (see serverSideApply), in the usual field order.
function compose(live: Obj | undefined, applied: Obj, owned: Obj): Obj {
  const base = live ?? applied;
  const out: Obj = {};
  for (const k of ['apiVersion', 'kind']) {
    const v = applied[k] ?? base[k];
    if (v !== undefined) out[k] = structuredClone(v);
  }
  const meta: Obj = {};
  const baseMeta = isObj(base.metadata) ? base.metadata : {};
  for (const k of IGNORED_METADATA) if (k !== 'managedFields' && baseMeta[k] !== undefined) meta[k] = structuredClone(baseMeta[k]);
  Object.assign(meta, isObj(owned.metadata) ? owned.metadata : {});
  out.metadata = meta;
  for (const [k, v] of Object.entries(owned)) if (k !== 'metadata') out[k] = v;
  for (const k of IGNORED_TOP_LEVEL) if (!(k in out) && base[k] !== undefined) out[k] = structuredClone(base[k]);
  return out;
}

/**
 * After a create/update/patch (anything but apply), records in `newObj.metadata.managedFields` that
 * `opts.manager` owns the fields it added or changed; other managers lose those fields, and fields that
 * no longer exist leave every entry. managedFields sent with the request are kept when non-empty
 * (as the apiserver does), otherwise those of `oldObj` are carried over. With `subresource: 'status'`
 * only status is tracked; otherwise status is ignored.
 */
export function recordUpdate(
  oldObj: Record<string, unknown> | undefined,
  newObj: Record<string, unknown>,
  opts: { manager: string; apiVersion: string; now: string; subresource?: string },
): void {
  const fromRequest = readEntries(newObj);
  const entries = fromRequest.length ? fromRequest : readEntries(oldObj);
  const { changed, removed } = diffFields(ownedPart(oldObj, opts.subresource), ownedPart(newObj, opts.subresource));
  const isMine = (e: ManagedFieldsEntry) =>
    e.manager === opts.manager && e.operation === 'Update' && e.apiVersion === opts.apiVersion && (e.subresource ?? '') === (opts.subresource ?? '');
  const all = entries.map((entry) => {
    const set = fieldsV1ToSet(entry.fieldsV1).minusSubtrees(removed);
    return { entry, set: isMine(entry) ? set : set.minus(changed) };
  });
  let mine = all.find((x) => isMine(x.entry));
  if (!mine && changed.size > 0) {
    mine = { entry: newEntry(opts.manager, 'Update', opts.apiVersion, opts.now, opts.subresource), set: new FieldSet() };
    all.push(mine);
  }
  if (mine && changed.size > 0) {
    mine.set = mine.set.union(changed);
    mine.entry = { ...mine.entry, time: opts.now };
  }
  writeEntries(newObj, all);
}
