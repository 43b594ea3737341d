// A minimal protobuf wire-format writer for the one protobuf document Vireo serves (OpenAPI v2).
export class ProtoWriter {
  private parts: Buffer[] = [];

  private varint(v: number): void {
    const bytes: number[] = [];
    let n = v;
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    this.parts.push(Buffer.from(bytes));
  }

  private tag(no: number, wireType: number): void {
    this.varint(no * 8 + wireType);
  }

  string(no: number, s: string | undefined): this {
    if (s === undefined || s === '') return this;
    return this.bytes(no, Buffer.from(s, 'utf8'));
  }

  bytes(no: number, b: Buffer): this {
    this.tag(no, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }

  bool(no: number, v: boolean | undefined): this {
    if (!v) return this;
    this.tag(no, 0);
    this.varint(1);
    return this;
  }

  message(no: number, w: ProtoWriter | undefined): this {
    if (!w) return this;
    return this.bytes(no, w.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}
