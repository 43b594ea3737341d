// The format of CDI's `spec.source.http.checksum` ("algorithm:hex", added to DataVolumeSourceHTTP
// by containerized-data-importer PR 4010). Vireo accepts CDI's four algorithms — md5, sha1,
// sha256, sha512 — so manifests written for CDI apply unchanged; sha256 or sha512 is what to use,
// md5 and sha1 only catch corruption, not tampering. Only http sources carry one, as in CDI:
// its upload source has no fields and virtctl sends no checksum, so one there would not apply to
// CDI; a registry source is already pinned by its manifest and layer digests. Pure: admission
// and the importer share it.

export const CHECKSUM_ALGORITHMS = { md5: 32, sha1: 40, sha256: 64, sha512: 128 } as const;
export type ChecksumAlgorithm = keyof typeof CHECKSUM_ALGORITHMS;

export interface ExpectedChecksum {
  algorithm: ChecksumAlgorithm;
  /** Lowercase hex. */
  hex: string;
}

const isAlgorithm = (s: string): s is ChecksumAlgorithm => Object.hasOwn(CHECKSUM_ALGORITHMS, s);

/** The checksum parsed, or why `text` is not "algorithm:hex" with a known algorithm and a digest of its length. */
export function parseChecksum(text: string): ExpectedChecksum | string {
  const i = text.indexOf(':');
  const algorithm = i < 0 ? '' : text.slice(0, i);
  const hex = text.slice(i + 1);
  const known = Object.keys(CHECKSUM_ALGORITHMS).join(', ');
  if (i < 0) return `Invalid value: ${JSON.stringify(text)}: must be algorithm:hex, e.g. sha256:<64 hex digits> (algorithms: ${known})`;
  if (!isAlgorithm(algorithm)) return `Invalid value: ${JSON.stringify(text)}: unsupported checksum algorithm "${algorithm}" (supported: ${known})`;
  const want = CHECKSUM_ALGORITHMS[algorithm];
  if (!new RegExp(`^[0-9a-fA-F]{${want}}$`).test(hex)) return `Invalid value: ${JSON.stringify(text)}: a ${algorithm} digest is ${want} hex digits`;
  return { algorithm, hex: hex.toLowerCase() };
}
