// Runs a real kubectl binary (any of the versioned builds beside it) against a test server.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Path of `kubectl` or of a versioned build (`kubectl.1.27`) beside the real binary. */
export function kubectlBinary(version?: string): string {
  const real = realpathSync(execFileSync('which', ['kubectl']).toString().trim());
  if (!version) return real;
  const p = join(dirname(real), `kubectl.${version}`);
  return existsSync(p) ? p : '';
}

export function makeKubectl(kubeconfig: string, binary = kubectlBinary()) {
  // A private discovery cache per runner: kubectl caches discovery for hours.
  const cacheDir = mkdtempSync(join(tmpdir(), 'vireo-kubectl-cache-'));
  return (args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(
        binary,
        ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
        { env: { ...process.env, ...opts.env }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
          resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
        },
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
    });
}
