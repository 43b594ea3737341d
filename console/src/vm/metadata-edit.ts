// Edit labels / Edit annotations: a `key=value` chip typed by the user, the Kubernetes rules for
// keys and label values checked as it is typed, and the JSON merge patch of metadata that turns the
// map as it was into the map as edited (a removed key becomes null, which RFC 7386 deletes).
import { keyProblems, labelValueProblems, type MapKind } from '../config/labels.ts';
import type { MessageKey } from '../i18n.ts';

export type { MapKind };

/** The chip's one-line wording of the Configuration tab's rule problems (config/labels.ts has the rules). */
const CHIP_MESSAGE: Partial<Record<MessageKey, MessageKey>> = {
  'config.keyEmpty': 'meta.keyEmpty',
  'config.keyFormat': 'meta.keySlashes',
  'config.keyPrefixEmpty': 'meta.keyPrefix',
  'config.keyPrefixTooLong': 'meta.keyPrefix',
  'config.keyPrefix': 'meta.keyPrefix',
  'config.keyNameEmpty': 'meta.keyName',
  'config.keyNameTooLong': 'meta.keyName',
  'config.keyName': 'meta.keyName',
  'config.valueTooLong': 'meta.labelValue',
  'config.valueChars': 'meta.labelValue',
};

const first = (problems: readonly { key: MessageKey }[]): MessageKey | undefined => (problems[0] ? CHIP_MESSAGE[problems[0].key] : undefined);

/** The first problem with a label or annotation key (optional `prefix/` + name), or undefined. */
export function keyProblem(key: string): MessageKey | undefined {
  return first(keyProblems(key));
}

/** Label values are empty or a name of at most 63 characters; annotation values are free text. */
export function valueProblem(value: string, kind: MapKind): MessageKey | undefined {
  return kind === 'annotations' ? undefined : first(labelValueProblems(value));
}

export interface Entry {
  key: string;
  value: string;
}

/** `key=value` (split at the first `=`; a bare key has an empty value). */
export function parseEntry(text: string): Entry {
  const t = text.trim();
  const at = t.indexOf('=');
  return at < 0 ? { key: t, value: '' } : { key: t.slice(0, at).trim(), value: t.slice(at + 1).trim() };
}

/** The problem of a typed chip, checking the key first. */
export function entryProblem(text: string, kind: MapKind): MessageKey | undefined {
  const e = parseEntry(text);
  return keyProblem(e.key) ?? valueProblem(e.value, kind);
}

/** Adds or replaces a chip, keeping the others in order. */
export function withEntry(entries: readonly Entry[], e: Entry): Entry[] {
  const i = entries.findIndex((x) => x.key === e.key);
  return i < 0 ? [...entries, e] : entries.map((x, j) => (j === i ? e : x));
}

export const entriesOf = (m: Record<string, string> | undefined): Entry[] => Object.entries(m ?? {}).map(([key, value]) => ({ key, value }));

/** The merge patch from `before` to `entries`; null when nothing changed. */
export function metadataPatch(kind: MapKind, before: Record<string, string> | undefined, entries: readonly Entry[]): { metadata: Record<MapKind, Record<string, string | null>> } | null {
  const old = before ?? {};
  const change: Record<string, string | null> = {};
  for (const k of Object.keys(old)) if (!entries.some((e) => e.key === k)) change[k] = null;
  for (const e of entries) if (old[e.key] !== e.value) change[e.key] = e.value;
  return Object.keys(change).length === 0 ? null : ({ metadata: { [kind]: change } } as { metadata: Record<MapKind, Record<string, string | null>> });
}
