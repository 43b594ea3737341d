// Waits for a set of QMP block jobs to end: each reports BLOCK_JOB_COMPLETED (with `error` when it
// failed) or BLOCK_JOB_CANCELLED under its job id. Listening starts at construction, so a job
// that ends before the caller awaits is not missed; the wait also ends when the guest exits or
// the caller aborts.
import type { QmpClient, QmpEvent } from '../../qemu/qmp.ts';

export class BlockJobWaiter {
  readonly done: Promise<void>;
  private dispose: () => void = () => undefined;

  constructor(qmp: QmpClient, jobIds: string[], opts: { signal: AbortSignal; exited: Promise<unknown> }) {
    this.done = new Promise<void>((resolve, reject) => {
      const pending = new Set(jobIds);
      const errors: string[] = [];
      const end = (id: string, error: string | undefined) => {
        if (!pending.delete(id)) return;
        if (error) errors.push(`job ${id}: ${error}`);
        if (pending.size > 0) return;
        this.dispose();
        if (errors.length > 0) reject(new Error(`backup failed: ${errors.join('; ')}`));
        else resolve();
      };
      const completed = (ev: QmpEvent) => end(String(ev.data?.['device']), typeof ev.data?.['error'] === 'string' ? ev.data['error'] : undefined);
      const cancelled = (ev: QmpEvent) => end(String(ev.data?.['device']), 'cancelled');
      const abort = () => {
        this.dispose();
        reject(new Error('aborted'));
      };
      let gone = false;
      void opts.exited.then(() => {
        if (gone) return;
        this.dispose();
        reject(new Error('the guest stopped before the copy was complete'));
      });
      qmp.on('BLOCK_JOB_COMPLETED', completed);
      qmp.on('BLOCK_JOB_CANCELLED', cancelled);
      opts.signal.addEventListener('abort', abort, { once: true });
      this.dispose = () => {
        gone = true;
        qmp.off('BLOCK_JOB_COMPLETED', completed);
        qmp.off('BLOCK_JOB_CANCELLED', cancelled);
        opts.signal.removeEventListener('abort', abort);
      };
      if (opts.signal.aborted) abort();
      else if (pending.size === 0) {
        this.dispose();
        resolve();
      }
    });
    // The caller may fail before it awaits; the rejection is still reported through `done`.
    this.done.catch(() => undefined);
  }

  /** Stops listening (the caller gave up before the jobs ended). */
  cancel(): void {
    this.dispose();
  }
}
