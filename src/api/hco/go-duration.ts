// Go's time.ParseDuration, which HCO uses for certConfig values ("48h0m0s", "1h30m", "1.5h",
// "300ms"), returning milliseconds. Same grammar: an optional sign, then one or more
// <decimal number><unit> pairs; "0" alone is allowed; a number without a unit is not.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Milliseconds of a Go duration string; throws with Go's wording on anything else. */
export function parseGoDuration(input: string): number {
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration "${input}"`);
  let total = 0;
  while (s !== '') {
    const m = PART.exec(s);
    if (!m) {
      // Digits with nothing after them: Go reports the missing unit.
      if (/^\d*(\.\d*)?$/.test(s) && /\d/.test(s)) throw new Error(`time: missing unit in duration "${input}"`);
      throw new Error(`time: invalid duration "${input}"`);
    }
    const [whole, int, frac, unit] = m;
    if (int === '' && (frac === undefined || frac === '')) throw new Error(`time: invalid duration "${input}"`);
    const scale = UNIT_MS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit "${unit}" in duration "${input}"`);
    total += Number(`${int || '0'}.${frac || '0'}`) * scale;
    s = s.slice(whole.length);
  }
  return sign * total;
}

/** Like parseGoDuration, but undefined instead of throwing. */
export function tryParseGoDuration(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  try {
    return parseGoDuration(input);
  } catch {
    return undefined;
  }
}
