// Preallocation (a DataVolume's `spec.preallocation`): every block of disk.img allocated up front,
// so the guest never meets a full file system mid-write and writes skip block allocation.
// fallocate(1) in its default mode allocates the holes and keeps the data already written; it
// works for raw files on ext4, xfs and tmpfs. qemu-img's `preallocation=falloc` would do the same
// for the newly grown part only, and convert's zero skipping would leave holes in the rest.
import { execFile } from 'node:child_process';

export async function preallocate(path: string, sizeBytes: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile('fallocate', ['-l', String(sizeBytes), '--', path], (err, _out, stderr) => {
      if (!err) return resolve();
      const why = stderr.trim().replace(/\s*\n\s*/g, ' ') || err.message;
      const e = new Error(`preallocating ${path} failed: ${why}`) as NodeJS.ErrnoException;
      // Keep "disk full" recognizable for describe(), which names the path.
      if (/No space left/i.test(why)) e.code = 'ENOSPC';
      e.path = path;
      reject(e);
    });
  });
}
