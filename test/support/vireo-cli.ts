// Runs `bin/vireo` against a test cluster's kubeconfig, collecting its output; `started` gives
// access to the output while it still runs (for commands that follow progress).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repo } from './vm-e2e.ts';

export interface VireoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface VireoProcess {
  stdout(): string;
  stderr(): string;
  done: Promise<VireoRun>;
}

export function startVireo(kubeconfig: string, args: string[]): VireoProcess {
  const child = spawn(join(repo, 'bin/vireo'), args, { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<VireoRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { stdout: () => stdout, stderr: () => stderr, done };
}

export function vireo(kubeconfig: string, ...args: string[]): Promise<VireoRun> {
  return startVireo(kubeconfig, args).done;
}
