// A list read once when a dialog opens (StorageClasses, claims, NetworkAttachmentDefinitions).
// Not a watch: each open watch holds one of the browser's six connections to the server, and the
// details page already holds several, so a dialog's watch could leave its own PATCH queued.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import type { KubeObject } from '../../api/types.ts';

export function useList<T extends KubeObject>(path: string): { items: T[]; error?: string } {
  const { client } = useApi();
  const [state, setState] = useState<{ items: T[]; error?: string }>({ items: [] });
  useEffect(() => {
    const ctl = new AbortController();
    client.list<T>(path, ctl.signal).then(
      (l) => setState({ items: l.items }),
      (e: unknown) => !ctl.signal.aborted && setState({ items: [], error: e instanceof Error ? e.message : String(e) }),
    );
    return () => ctl.abort();
  }, [client, path]);
  return state;
}
