// A file copy that keeps holes as holes and shares blocks where the file system can (reflink on
// btrfs or xfs: instant, no space used until either side changes), flushed before it returns.
// Used for VM snapshot copies (src/node/snapshot/) and for restoring a volume from one.
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';

export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function sparseCopy(src: string, dst: string, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile('cp', ['--sparse=always', '--reflink=auto', '--', src, dst], { signal }, (err, _out, stderr) => {
      if (!err) return resolve();
      const why = stderr.trim().replace(/\s*\n\s*/g, ' ');
      const e = new Error(`copying ${src} failed: ${why || err.message}`) as NodeJS.ErrnoException;
      // Keep "disk full" recognizable for describe().
      if (/No space left/i.test(why)) e.code = 'ENOSPC';
      reject(e);
    });
  });
  await fsyncFile(dst);
}
