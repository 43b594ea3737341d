// Kubernetes quantities ("1.5Gi", "1024M", "500m", "1e3") turned into plain numbers of base units,
// so admission rules can compare sizes that users wrote in different notations.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// sign, number (digits with optional fraction, or a bare fraction), then suffix. A suffix of
// e/E followed by digits is a decimal exponent; a lone "E" is exa, as in Kubernetes.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** Parses a quantity into base units (bytes for memory, cores for cpu). Throws on anything else. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new Error(`quantity ${q} is not a finite number`);
    return q;
  }
  const m = QUANTITY.exec(q.trim());
  if (!m || q.trim() !== q) throw new Error(`quantity "${q}" is not a valid Kubernetes quantity (e.g. 1Gi, 512Mi, 1.5G, 500m, 1e3)`);
  const [, sign, digits, exponent, suffix] = m;
  let value = Number(digits);
  if (exponent) value *= 10 ** Number(exponent.slice(1));
  else if (suffix) value *= BINARY[suffix] ?? DECIMAL[suffix] ?? 1;
  return sign === '-' ? -value : value;
}

/** Like parseQuantity, but undefined instead of throwing: for rules that only compare valid values. */
export function tryParseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  try {
    return parseQuantity(q);
  } catch {
    return undefined;
  }
}
