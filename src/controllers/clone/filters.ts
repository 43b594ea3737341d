// KubeVirt's label/annotation filters: with no filters every key is kept; otherwise a key is kept
// when some plain filter matches it and no `!` filter does (negation wins). `*` alone matches
// everything, a trailing `*` matches a prefix (admission allows `*` nowhere else).
const matches = (filter: string, key: string) => (filter.endsWith('*') ? key.startsWith(filter.slice(0, -1)) : key === filter);

export function keptByFilters(key: string, filters: string[] | undefined): boolean {
  if (filters === undefined) return true;
  const negations = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
  const plain = filters.filter((f) => !f.startsWith('!'));
  return plain.some((f) => matches(f, key)) && !negations.some((f) => matches(f, key));
}

/** The keys of `m` the filters drop. */
export function droppedKeys(m: Record<string, string> | undefined, filters: string[] | undefined): string[] {
  return Object.keys(m ?? {}).filter((k) => !keptByFilters(k, filters));
}
