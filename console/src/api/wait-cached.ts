// Waits until a watched list holds an object: after creating something, a page can open it once the
// live cache has it instead of flashing "not found" while the watch event is on its way.
import type { KubeObject } from './types.ts';
import type { CacheState } from './watch.ts';

export interface Watchable<T> {
  getState: () => CacheState<T>;
  subscribe: (fn: () => void) => () => void;
}

/** Resolves true when `pred` holds for an item, false after `timeoutMs` (the caller goes on anyway). */
export function waitForCached<T extends KubeObject>(cache: Watchable<T>, pred: (o: T) => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let unsubscribe = () => {};
    let done = false;
    const finish = (found: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(found);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const check = () => {
      if (cache.getState().items.some(pred)) finish(true);
    };
    // Subscribing also keeps the watch running while we wait.
    unsubscribe = cache.subscribe(check);
    check();
  });
}
