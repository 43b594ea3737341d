// Waits, on a live watch cache, until the named object's step is done: resolves then, rejects with
// the object's own failure message, or with `timeoutMessage` when it takes longer than `timeoutMs`.
import type { KubeObject } from '../api/types.ts';
import type { Watchable } from '../api/wait-cached.ts';
import type { StepState } from './clone.ts';

export function waitStep<T extends KubeObject>(cache: Watchable<T>, name: string, step: (o: T | undefined) => StepState, timeoutMs: number, timeoutMessage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe = () => {};
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(timeoutMessage)), timeoutMs);
    const check = () => {
      const s = step(cache.getState().items.find((o) => o.metadata.name === name));
      if (s.kind === 'done') finish();
      else if (s.kind === 'failed') finish(new Error(s.message));
    };
    unsubscribe = cache.subscribe(check);
    check();
  });
}
