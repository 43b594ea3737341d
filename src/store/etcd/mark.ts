// etcd's compaction mark. etcd has no call that returns it, but a read at a compacted revision
// fails, and a watch from below the mark is canceled with the mark in compact_revision.
import type { Etcd3 } from 'etcd3';
import { isCompactedError } from './errors.ts';
import type { KeySpace } from './keys.ts';

/** Whether a read at `revision` (≥ 1) is refused as compacted, i.e. revision < etcd's mark. */
export async function isBelowMark(client: Etcd3, keys: KeySpace, revision: number): Promise<boolean> {
  try {
    await client.kv.range({ key: keys.anyKey(), count_only: true, revision });
    return false;
  } catch (err) {
    if (isCompactedError(err)) return true;
    throw err;
  }
}

/** etcd's current compaction mark (0 when nothing beyond revision 1 was compacted). */
export async function probeMark(client: Etcd3, keys: KeySpace, timeoutMs: number): Promise<number> {
  if (!(await isBelowMark(client, keys, 1))) return 0;
  const stream = await client.watchClient.watch();
  return new Promise<number>((resolve, reject) => {
    let done = false;
    const finish = (result: number | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.end(); // before cancel(): see EtcdWatch.drop
      stream.cancel();
      if (typeof result === 'number') resolve(result);
      else reject(result);
    };
    const timer = setTimeout(() => finish(new Error(`etcd did not report its compaction mark within ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', (res) => {
      if (!res.canceled) return;
      const mark = Number(res.compact_revision);
      finish(mark > 0 ? mark : new Error(`etcd canceled the compaction probe: ${res.cancel_reason || 'no reason given'}`));
    });
    stream.on('error', (err) => finish(err));
    stream.on('end', () => finish(new Error('etcd ended the compaction probe')));
    stream.write({ create_request: { key: keys.anyKey(), start_revision: 1 } });
  });
}
