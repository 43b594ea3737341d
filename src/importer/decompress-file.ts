// Decompresses xz or zstd with the Debian CLI writing straight into the scratch file: Node only
// feeds its stdin, so the decompressed bytes never pass through the event loop (through pipes
// they cost ~4 s per GiB more here), and the CLI seeks over runs of zeros — xz does so by default
// into a regular file, zstd with --sparse — so a mostly empty disk image lands sparse.
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportError } from './errors.ts';

export async function decompressToFile(cmd: 'xz' | 'zstd', input: Readable, dest: string, source: string): Promise<void> {
  const fh = await open(dest, 'wx');
  try {
    const child = spawn(cmd, cmd === 'zstd' ? ['-dc', '--sparse'] : ['-dc'], { stdio: ['pipe', fh.fd, 'pipe'] });
    // Piped above, so both exist; Node's types cannot tell from a mixed stdio array.
    const [stdin, errors] = [child.stdin, child.stderr];
    if (!stdin || !errors) throw new Error(`${cmd}: no stdin or stderr pipe`);
    let stderr = '';
    errors.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', (e) => reject(new ImportError(`cannot run ${cmd} to decompress ${source}: ${e.message}`)));
      child.on('close', (code) => resolve(code ?? 1));
    });
    const feeding = pipeline(input, stdin).catch((e: unknown) => {
      child.kill();
      throw e;
    });
    const [fed, code] = await Promise.allSettled([feeding, exited]);
    const why = stderr.replace(/^\S+:\s*/, '').trim().replace(/\s*\n\s*/g, ' ');
    // The CLI does the writing, so a full disk is its complaint: raised as the write's own error
    // (describe() names the path), not as corrupt data.
    if (/No space left on device|Disk quota exceeded/i.test(stderr)) {
      throw Object.assign(new Error(`${cmd}: ${why}`), { code: /quota/i.test(stderr) ? 'EDQUOT' : 'ENOSPC', path: dest });
    }
    // The source's own failure (network, truncation) is the real cause; the CLI's complaint follows from it.
    if (fed.status === 'rejected' && (fed.reason as NodeJS.ErrnoException).code !== 'EPIPE') throw fed.reason;
    if (code.status === 'rejected') throw code.reason;
    if (code.value !== 0) throw new ImportError(`${source}: ${cmd} decompression failed: ${why || `exit ${code.value}`} (corrupt or truncated ${cmd} data)`);
  } finally {
    await fh.close();
  }
}
