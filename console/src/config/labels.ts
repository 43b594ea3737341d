// Labels and annotations as the Metadata sub-tab edits them: key=value rows, Kubernetes' rules
// for keys and values (as the API server words them), and the patch of the VM's metadata.
import type { Message } from '../catalog/message.ts';
import { pointer, setOps, type PatchOp } from './json-patch.ts';

export interface KeyValueRow {
  key: string;
  value: string;
}

export type MapKind = 'labels' | 'annotations';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A qualified name (`[prefix/]name`): what label and annotation keys must be. */
export function keyProblems(key: string): Message[] {
  if (key === '') return [{ key: 'config.keyEmpty' }];
  const parts = key.split('/');
  if (parts.length > 2) return [{ key: 'config.keyFormat' }];
  const name = parts[parts.length - 1]!;
  const out: Message[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') out.push({ key: 'config.keyPrefixEmpty' });
    else if (prefix.length > 253) out.push({ key: 'config.keyPrefixTooLong' });
    else if (!DNS_SUBDOMAIN.test(prefix)) out.push({ key: 'config.keyPrefix' });
  }
  if (name === '') out.push({ key: 'config.keyNameEmpty' });
  else if (name.length > 63) out.push({ key: 'config.keyNameTooLong' });
  else if (!NAME.test(name)) out.push({ key: 'config.keyName' });
  return out;
}

/** A label value: empty, or 63 characters at most of the name alphabet. */
export function labelValueProblems(value: string): Message[] {
  if (value === '') return [];
  if (value.length > 63) return [{ key: 'config.valueTooLong' }];
  return NAME.test(value) ? [] : [{ key: 'config.valueChars' }];
}

/** What is wrong with each row (same order); annotation values may be any text. */
export function rowProblems(rows: readonly KeyValueRow[], kind: MapKind): { key: Message[]; value: Message[] }[] {
  return rows.map((r, i) => {
    const key = keyProblems(r.key);
    if (key.length === 0 && rows.findIndex((o) => o.key === r.key) !== i) key.push({ key: 'config.keyDuplicate' });
    return { key, value: kind === 'labels' ? labelValueProblems(r.value) : [] };
  });
}

export const hasProblems = (p: readonly { key: Message[]; value: Message[] }[]): boolean => p.some((r) => r.key.length > 0 || r.value.length > 0);

export const rowsOf = (m: Record<string, string> | undefined): KeyValueRow[] => Object.entries(m ?? {}).map(([key, value]) => ({ key, value }));

/** Rows back to a map; blank rows (no key and no value) are dropped. */
export const mapOf = (rows: readonly KeyValueRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.key !== '' || r.value !== '').map((r) => [r.key, r.value]));

/**
 * The ops that turn the map at `segments` into `next`, key by key (the others' keys untouched);
 * the whole map is added when there was none, and removed when it ends empty.
 */
export function mapOps(obj: unknown, segments: readonly string[], current: Record<string, string> | undefined, next: Record<string, string>): PatchOp[] {
  const keys = Object.keys(next);
  if (!current) return keys.length === 0 ? [] : setOps(obj, segments, next);
  if (keys.length === 0) return Object.keys(current).length === 0 ? [] : [{ op: 'remove', path: pointer(segments) }];
  const ops: PatchOp[] = [];
  for (const k of Object.keys(current)) if (!(k in next)) ops.push({ op: 'remove', path: pointer([...segments, k]) });
  for (const [k, v] of Object.entries(next)) {
    if (!(k in current)) ops.push({ op: 'add', path: pointer([...segments, k]), value: v });
    else if (current[k] !== v) ops.push({ op: 'replace', path: pointer([...segments, k]), value: v });
  }
  return ops;
}

/** The ops that set the VM's labels or annotations to `rows`. */
export function metadataOps(vm: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } }, kind: MapKind, rows: readonly KeyValueRow[]): PatchOp[] {
  return mapOps(vm, ['metadata', kind], vm.metadata[kind], mapOf(rows));
}
