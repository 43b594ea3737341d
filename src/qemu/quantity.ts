// Kubernetes resource quantities (the subset memory uses), parsed to exact bytes with BigInt so
// "1.5Gi" or "1e9" round the same way everywhere. Kept local so src/qemu depends on nothing.

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL_EXP: Record<string, number> = { '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|(k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Bytes of a quantity such as `8Gi`, `1024M`, `1.5Gi`, `2e9` or a plain number; fractions round up. */
export function parseQuantityBytes(q: string | number): bigint {
  const text = typeof q === 'number' ? String(q) : q.trim();
  const m = QUANTITY.exec(text);
  if (!m) throw new Error(`invalid quantity ${JSON.stringify(q)}`);
  const [, , num, bin, dec, exp] = m;
  const [intPart, fracPart = ''] = num.split('.');
  // value = digits / 10^frac.length * multiplier
  const digits = BigInt((intPart || '0') + fracPart);
  let numer = digits;
  let denom = 10n ** BigInt(fracPart.length);
  if (bin) numer *= BINARY[bin];
  else {
    const e = dec !== undefined ? DECIMAL_EXP[dec] : exp !== undefined ? Number(exp) : 0;
    if (e >= 0) numer *= 10n ** BigInt(e);
    else denom *= 10n ** BigInt(-e);
  }
  return (numer + denom - 1n) / denom;
}

/** Whole MiB, rounded up so the guest never gets less than it asked for. */
export function quantityToMiB(q: string | number): number {
  const bytes = parseQuantityBytes(q);
  return Number((bytes + (1n << 20n) - 1n) >> 20n);
}
