// One `vireo agent` child process, inside a network namespace (`ip netns exec` execs in place, and
// bin/vireo execs node, so the child's pid is the agent's) or, without one, in the host's. Its output is kept in memory and in a
// log file; it counts as started once it prints that it is running.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './guests.ts';
import { repo } from './vm-e2e.ts';

export interface AgentProcessSpec {
  /** Omitted: the agent runs in the test's own network namespace. */
  netns?: string;
  nodeName: string;
  /** Arguments after `vireo agent`. */
  args: string[];
  logFile: string;
}

/** Signals that stop or continue a process rather than end it: nothing to wait for. */
const NON_TERMINATING: readonly NodeJS.Signals[] = ['SIGSTOP', 'SIGCONT', 'SIGTSTP'];

export class AgentProcess {
  child: ChildProcess | undefined;
  /** Everything the agents of this node printed, across restarts. */
  output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: AgentProcessSpec) {}

  /** Spawns the agent and resolves once it says it is running; rejects (agent killed) otherwise. */
  async start(timeoutMs: number): Promise<void> {
    if (this.running()) throw new Error(`the agent of ${this.spec.nodeName} is already running (pid ${this.child?.pid})`);
    const from = this.output.length;
    const argv = [join(repo, 'bin/vireo'), 'agent', ...this.spec.args];
    const [cmd, ...args] = this.spec.netns ? ['ip', 'netns', 'exec', this.spec.netns, ...argv] : argv;
    const child = spawn(cmd!, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
    });
    this.child = child;
    const record = (chunk: Buffer) => {
      const s = chunk.toString();
      this.output += s;
      appendFileSync(this.spec.logFile, s);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    const ready = `node agent ${this.spec.nodeName} is running`;
    const deadline = Date.now() + timeoutMs;
    while (!this.output.slice(from).includes(ready)) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        const why = Date.now() > deadline ? `did not start within ${timeoutMs} ms` : `exited (${child.exitCode ?? child.signalCode})`;
        await this.stop('SIGKILL');
        throw new Error(`the node agent of ${this.spec.nodeName} in ${this.spec.netns ?? 'the host namespace'} ${why}; its output:\n${this.output.slice(from).slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  running(): boolean {
    const c = this.child;
    return c !== undefined && c.exitCode === null && c.signalCode === null && c.pid !== undefined && isAlive(c.pid);
  }

  /** Sends `signal`; for a terminating one waits for the exit, escalating to SIGKILL after graceMs. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!this.running()) return;
    this.child!.kill(signal);
    if (NON_TERMINATING.includes(signal)) return;
    const timedOut = await Promise.race([this.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
    if (timedOut) {
      this.child!.kill('SIGKILL');
      await this.exited;
    }
  }

  /** For exit handlers: SIGKILL without waiting. */
  killSync(): void {
    if (this.running()) this.child!.kill('SIGKILL');
  }
}
