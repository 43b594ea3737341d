// Polls a running VMI's metrics subresource every POLL_MS while the component that asks is mounted
// (only the open tab or the Overview card is) and the page is visible. A subresource is not an
// object in the store, so it cannot be watched; this is the console's one polling loop. A failed
// read keeps the last data and says why.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { POLL_MS, metricsPath, type VmMetrics } from '../../vm/metrics.ts';

export interface MetricsState {
  data?: VmMetrics;
  error?: string;
}

export function useVmMetrics(namespace: string, name: string | undefined, running: boolean, sinceSeconds: number): MetricsState {
  const { client } = useApi();
  const [state, setState] = useState<MetricsState>({});
  useEffect(() => {
    setState({});
    if (!name || !running) return;
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      if (document.visibilityState === 'visible') {
        try {
          const data = await client.get<VmMetrics>(metricsPath(namespace, name, sinceSeconds), ac.signal);
          setState({ data, error: data.error });
        } catch (e) {
          if (ac.signal.aborted) return;
          setState((s) => ({ data: s.data, error: (e as Error).message }));
        }
      }
      if (!ac.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    // Back on the page: ask at once rather than at the next tick.
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    void poll();
    return () => {
      ac.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [client, namespace, name, running, sinceSeconds]);
  return state;
}
