// A pass-through that counts what flows from `from`, for progress over streams whose consumer
// does not count (the form parser). Errors of `from` are the caller's to watch.
import { Transform, type Readable } from 'node:stream';

export function countBytes(from: Readable, onBytes: (total: number) => void): Readable {
  let total = 0;
  const through = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
  return from.pipe(through);
}
