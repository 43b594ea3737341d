// Prefix scans as index range queries. SQLite compares TEXT by its UTF-8 bytes, which is code point
// order, so the exclusive upper bound of "every key starting with p" is p with its last code point
// bumped by one (carrying past U+10FFFF). Appending '\uffff' instead would miss astral characters.

/** The smallest string greater than every string starting with `prefix`; undefined when none exists. */
export function prefixEnd(prefix: string): string | undefined {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    let last = points.pop()! + 1;
    if (last === 0xd800) last = 0xe000; // surrogates are not characters and cannot be stored
    if (last <= 0x10ffff) return String.fromCodePoint(...points, last);
  }
  return undefined;
}

/**
 * Orders keys the way SQLite does (UTF-8 bytes, i.e. code points). JS's `<` compares UTF-16 code
 * units, which puts astral characters (surrogate pairs) below U+E000..U+FFFF; this maps them above.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
