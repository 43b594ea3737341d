// A minimal protobuf wire-format reader: enough to decode the few core/v1 request bodies that
// kubectl's typed clients send as `application/vnd.kubernetes.protobuf`.

export interface Field {
  no: number;
  /** Varint value (wire type 0). */
  int?: bigint;
  /** Length-delimited bytes (wire type 2). */
  bytes?: Buffer;
}

export class WireError extends Error {}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new WireError('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new WireError('varint too long');
  }
}

/** All fields of one message, in order (repeated fields appear several times). */
export function readFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Number(tag >> 3n);
    const wt = Number(tag & 7n);
    if (wt === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ no, int: v });
    } else if (wt === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (end > buf.length) throw new WireError('truncated field');
      out.push({ no, bytes: buf.subarray(p2, end) });
      pos = end;
    } else if (wt === 1) {
      pos += 8;
    } else if (wt === 5) {
      pos += 4;
    } else {
      throw new WireError(`unsupported wire type ${wt}`);
    }
  }
  return out;
}

export const str = (f: Field | undefined): string | undefined => f?.bytes?.toString('utf8');

/** A map<string, V> entry list (key = field 1, value = field 2). */
export function mapEntries(fields: Field[], no: number): [string, Buffer][] {
  return fields
    .filter((f) => f.no === no && f.bytes)
    .map((f) => {
      const kv = readFields(f.bytes!);
      return [str(kv.find((x) => x.no === 1)) ?? '', kv.find((x) => x.no === 2)?.bytes ?? Buffer.alloc(0)];
    });
}
