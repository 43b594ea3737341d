// Punches holes where a raw file holds whole blocks of zeros (`fallocate --dig-holes`): a raw
// image renamed into place as disk.img ends as sparse as `qemu-img convert` would have left it,
// at the cost of one read of its data — no copy.
import { execFile } from 'node:child_process';

export async function digHoles(path: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile('fallocate', ['--dig-holes', '--', path], (err, _out, stderr) => {
      if (err) reject(new Error(`making ${path} sparse failed: ${stderr.trim().replace(/\s*\n\s*/g, ' ') || err.message}`));
      else resolve();
    });
  });
}
