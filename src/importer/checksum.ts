// Verifies an http source against its expected checksum (src/api/cdi/checksum.ts). The digest
// covers the bytes as served, before any decompression — what image publishers' CHECKSUM files
// list — and is computed while they stream to the scratch file: no second read of the image.
import { createHash, type Hash } from 'node:crypto';
import { parseChecksum, type ExpectedChecksum } from '../api/cdi/checksum.ts';
import { ImportError } from './errors.ts';

/** Hashes chunks as they pass, then compares with the expected digest. */
export class ChecksumVerifier {
  private readonly hash: Hash;

  constructor(readonly expected: ExpectedChecksum) {
    this.hash = createHash(expected.algorithm);
  }

  /** For a checksum as written in the spec; admission refuses malformed ones, so one here is a bug upstream. */
  static of(text: string): ChecksumVerifier {
    const parsed = parseChecksum(text);
    if (typeof parsed === 'string') throw new ImportError(`checksum ${parsed}`);
    return new ChecksumVerifier(parsed);
  }

  update(chunk: Buffer): void {
    this.hash.update(chunk);
  }

  /** Throws a one-line ImportError naming both digests when they differ. */
  verify(source: string): void {
    const actual = this.hash.digest('hex');
    const { algorithm, hex } = this.expected;
    if (actual !== hex) throw new ImportError(`${source}: checksum mismatch: expected ${algorithm}:${hex}, got ${algorithm}:${actual}`);
  }
}
