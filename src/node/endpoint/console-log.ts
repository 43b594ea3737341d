// The kept serial console output (QEMU's chardev logfile), whole or its last N lines. Reads at most
// MAX_BYTES from the end so a long-lived guest's log never has to fit in memory.
import { open } from 'node:fs/promises';
import { EndpointError } from './status.ts';

const MAX_BYTES = 4 * 1024 * 1024;

/** `tailLines` as the query gives it: undefined (all) or a non-negative integer. */
export function parseTailLines(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new EndpointError(400, 'BadRequest', `tailLines must be a non-negative integer, not "${raw}"`);
  return Number(raw);
}

export async function readConsoleLog(path: string, tailLines: number | undefined): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    // QEMU creates the log when it starts; before any output there is nothing to show.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - MAX_BYTES);
    const buf = Buffer.alloc(size - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    let text = buf.subarray(0, bytesRead);
    // A read that starts mid-file starts mid-line: drop the partial line.
    if (start > 0) text = text.subarray(text.indexOf(0x0a) + 1);
    return tailLines === undefined ? text : lastLines(text, tailLines);
  } finally {
    await fh.close();
  }
}

function lastLines(buf: Buffer, n: number): Buffer {
  if (n === 0) return Buffer.alloc(0);
  // A final newline ends the last line; it does not start an empty one.
  let i = buf.length > 0 && buf[buf.length - 1] === 0x0a ? buf.length - 1 : buf.length;
  for (let seen = 0; i > 0; ) {
    const nl = buf.lastIndexOf(0x0a, i - 1);
    if (nl < 0) return buf;
    if (++seen === n) return buf.subarray(nl + 1);
    i = nl;
  }
  return buf;
}
