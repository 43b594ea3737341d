// JSON Patch (RFC 6902) for the Configuration tab. Decision: every save is a JSON Patch that first
// sets metadata.resourceVersion to the version the form was built from. A merge patch would replace
// whole lists (disks, volumes, NICs) with the form's copy, silently undoing anyone else's change
// made since; a patch carrying the resourceVersion is a precondition instead, refused with 409
// Conflict when the object moved on (kube-apiserver and Vireo alike). It is an `add`, not a `test`:
// Vireo applies patches to a copy without resourceVersion (src/apiserver/objects.ts modify), where
// a test op finds no path, while `add` sets it on both servers.
export type PatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

/** A JSON Pointer from path segments (`/` and `~` escaped, as label keys need). */
export const pointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** The ops of a change, preconditioned on the object still being the version the form read. */
export function guarded(obj: { metadata: { resourceVersion?: string } }, ops: readonly PatchOp[]): PatchOp[] {
  const rv = obj.metadata.resourceVersion;
  return rv === undefined ? [...ops] : [{ op: 'add', path: '/metadata/resourceVersion', value: rv }, ...ops];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The op that sets `segments` in `obj` to `value` (undefined: removes it). A missing parent is
 * created by adding the nearest missing ancestor with the value nested inside, since JSON Patch's
 * add needs the parent to exist. No op when nothing changes.
 */
export function setOps(obj: unknown, segments: readonly string[], value: unknown): PatchOp[] {
  let cur: unknown = obj;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    if (!isRecord(cur) || !(key in cur)) {
      if (value === undefined) return [];
      let nested: unknown = value;
      for (let j = segments.length - 1; j > i; j--) nested = { [segments[j]!]: nested };
      return [{ op: 'add', path: pointer(segments.slice(0, i + 1)), value: nested }];
    }
    cur = cur[key];
  }
  if (value === undefined) return [{ op: 'remove', path: pointer(segments) }];
  return JSON.stringify(cur) === JSON.stringify(value) ? [] : [{ op: 'replace', path: pointer(segments), value }];
}

/** The op that appends `value` to the list at `segments`, creating the list when it is missing. */
export function appendOps(obj: unknown, segments: readonly string[], value: unknown): PatchOp[] {
  let cur: unknown = obj;
  for (const key of segments) cur = isRecord(cur) ? cur[key] : undefined;
  if (Array.isArray(cur)) return [{ op: 'add', path: `${pointer(segments)}/-`, value }];
  return setOps(obj, segments, [value]);
}

/** The op that removes item `index` of the list at `segments` (none when out of range). */
export function removeAtOps(obj: unknown, segments: readonly string[], index: number): PatchOp[] {
  let cur: unknown = obj;
  for (const key of segments) cur = isRecord(cur) ? cur[key] : undefined;
  return Array.isArray(cur) && index >= 0 && index < cur.length ? [{ op: 'remove', path: pointer([...segments, index]) }] : [];
}
