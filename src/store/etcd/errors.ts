// etcd's revision errors arrive as gRPC OUT_OF_RANGE with mvcc's message; these name them.

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** "mvcc: required revision has been compacted" (a range or compaction below the mark). */
export function isCompactedError(err: unknown): boolean {
  return message(err).includes('required revision has been compacted');
}

/** "mvcc: required revision is a future revision" (a range or compaction above the head). */
export function isFutureRevisionError(err: unknown): boolean {
  return message(err).includes('required revision is a future revision');
}
