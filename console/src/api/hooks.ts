// React bindings of the watch layer: a context holding the client and the registry of caches.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ApiClient } from './client.ts';
import type { KubeObject } from './types.ts';
import type { CacheState, WatchRegistry } from './watch.ts';

export interface ApiContextValue {
  client: ApiClient;
  watches: WatchRegistry;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('useApi outside ApiContext');
  return v;
}

const EMPTY: CacheState<never> = { items: [], loaded: false };
const noop = () => () => undefined;

/** The live list at `path` (undefined: nothing to watch). */
export function useWatchList<T extends KubeObject>(path: string | undefined): CacheState<T> {
  const { watches } = useApi();
  const cache = path ? watches.get<T>(path) : undefined;
  return useSyncExternalStore(cache ? cache.subscribe : noop, cache ? cache.getState : () => EMPTY as CacheState<T>);
}
