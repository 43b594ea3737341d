// Store keys as etcd byte ranges. Every key lives under the cluster prefix (several Vireo clusters
// can share one etcd); etcd orders keys by their bytes, and UTF-8 byte order is code point order,
// which is the order the Store contract promises.

export interface ByteRange {
  key: Buffer;
  /** Exclusive end; [0] means "every key from `key` on" (etcd's convention). */
  range_end: Buffer;
}

/** The smallest byte string greater than every string starting with `prefix` ([0] when none is). */
export function prefixEndBytes(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

export class KeySpace {
  private readonly prefix: Buffer;

  constructor(readonly clusterPrefix: string) {
    this.prefix = Buffer.from(clusterPrefix, 'utf8');
  }

  /** The etcd key of a store key. */
  encode(key: string): Buffer {
    return Buffer.concat([this.prefix, Buffer.from(key, 'utf8')]);
  }

  /** One key under the cluster prefix, for calls that only want the response header. */
  anyKey(): Buffer {
    return this.range('').key;
  }

  /** The store key of an etcd key under the cluster prefix. */
  decode(key: Buffer): string {
    if (key.length < this.prefix.length || !key.subarray(0, this.prefix.length).equals(this.prefix)) {
      throw new Error(`etcd returned key ${JSON.stringify(key.toString('utf8'))} outside the prefix ${JSON.stringify(this.clusterPrefix)}`);
    }
    return key.subarray(this.prefix.length).toString('utf8');
  }

  /** Every key starting with `prefix`, from just after `startAfter` when that is later. */
  range(prefix: string, startAfter?: string): ByteRange {
    let key = this.encode(prefix);
    const range_end = prefixEndBytes(key);
    if (startAfter !== undefined) {
      // The next key after startAfter in byte order is startAfter + NUL.
      const after = Buffer.concat([this.encode(startAfter), Buffer.from([0])]);
      if (Buffer.compare(after, key) > 0) key = after;
    }
    // etcd refuses an empty key; NUL is the first key there is.
    return { key: key.length > 0 ? key : Buffer.from([0]), range_end };
  }
}
