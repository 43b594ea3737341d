// QEMU's option syntax (`key=value,key=value`): a comma inside a value must be doubled, or a
// path or serial from the spec could inject options.

export function escapeOpt(value: string): string {
  return value.replaceAll(',', ',,');
}

type OptValue = string | number | boolean | undefined;

/** `head,k1=v1,k2=v2` with values escaped; undefined values are left out, booleans are on/off. */
export function opts(head: string | undefined, pairs: [string, OptValue][]): string {
  const parts = head === undefined ? [] : [head];
  for (const [k, v] of pairs) {
    if (v === undefined) continue;
    const text = typeof v === 'boolean' ? (v ? 'on' : 'off') : typeof v === 'number' ? String(v) : escapeOpt(v);
    parts.push(`${k}=${text}`);
  }
  return parts.join(',');
}
