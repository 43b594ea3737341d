// Integrity check before a disk is accepted: `qemu-img convert` happily reads a truncated qcow2
// (reads past the end return zeros), `qemu-img check` does not. Exit codes (qemu-img(1)): 0 clean,
// 1 check not completed, 2 corruptions, 3 leaked clusters only (harmless), 63 no checks for format.
import { execFile } from 'node:child_process';
import { ImportError } from './errors.ts';

export function checkImage(path: string, format: string, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('qemu-img', ['check', '-q', '--output=json', '-f', format, path], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number | string }).code ?? 1) : 0;
      if (code === 0 || code === 3 || code === 63) return resolve();
      let detail = stderr.split('\n').find((l) => l.trim()) ?? '';
      try {
        const r = JSON.parse(stdout) as { corruptions?: number; 'check-errors'?: number };
        if (r.corruptions || r['check-errors']) detail = `${r.corruptions ?? 0} corruptions, ${r['check-errors'] ?? 0} check errors`;
      } catch {
        // not JSON (qemu-img failed before checking): stderr's first line says why
      }
      reject(new ImportError(`${source}: corrupt or truncated ${format} image (qemu-img check: ${detail || `exit ${code}`})`));
    });
  });
}
