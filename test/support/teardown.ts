// An undo stack for test fixtures built in steps: each step that created something registers how
// to remove it, so tearing down after a start that failed half way removes exactly what exists.
// `run()` undoes everything in reverse and reports every failure together; `runSync()` is the
// best-effort variant for a process 'exit' handler, where only synchronous work happens;
// `guardProcess()` runs it when the process exits or is ended by SIGINT/SIGTERM/SIGHUP.

interface Step {
  what: string;
  undo: () => void | Promise<void>;
  /** What can be done synchronously at process exit; absent: nothing. */
  sync?: () => void;
}

export class Teardown {
  private steps: Step[] = [];

  add(what: string, undo: () => void | Promise<void>, sync?: () => void): void {
    this.steps.push({ what, undo, sync });
  }

  /** Undoes every step, newest first; one failing step does not stop the others. */
  async run(): Promise<void> {
    const errors: Error[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.undo();
      } catch (e) {
        errors.push(new Error(`teardown: ${step.what}: ${(e as Error).message}`, { cause: e }));
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, errors.map((e) => e.message).join('; '));
  }

  /**
   * Runs the synchronous undos if the process exits, or gets SIGINT/SIGTERM/SIGHUP (then the
   * signal is raised again, so the process still ends as it would have). Returns the disarm.
   */
  guardProcess(): () => void {
    const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const atExit = () => this.runSync();
    const onSignal = (sig: NodeJS.Signals) => {
      disarm();
      this.runSync();
      process.kill(process.pid, sig);
    };
    const disarm = () => {
      process.off('exit', atExit);
      for (const s of SIGNALS) process.off(s, onSignal);
    };
    process.on('exit', atExit);
    for (const s of SIGNALS) process.on(s, onSignal);
    return disarm;
  }

  /** The synchronous undos, newest first; failures go to stderr (an exit handler cannot throw usefully). */
  runSync(): void {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        step.sync?.();
      } catch (e) {
        console.error(`teardown at exit: ${step.what}: ${(e as Error).message}`);
      }
    }
  }
}
