// A long-running `kubectl get … --watch` whose output a test can wait on.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlBinary } from './kubectl.ts';

export interface KubectlWatch {
  /** Everything printed so far (stdout). */
  output(): string;
  /** Resolves when stdout matches `re`; fails after `timeoutMs`, showing what was printed. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startKubectlWatch(kubeconfig: string, args: string[], binary = kubectlBinary()): KubectlWatch {
  const cacheDir = mkdtempSync(join(tmpdir(), 'vireo-kubectl-cache-'));
  const child = spawn(binary, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    output: () => out,
    async waitFor(re, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!re.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`kubectl ${args.join(' ')}: no ${re} in its output (exit ${child.exitCode ?? 'none'}):\n${out}\nstderr: ${err}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
