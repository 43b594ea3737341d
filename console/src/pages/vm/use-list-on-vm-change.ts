// A list read (not watched) when the VM changes. The browser opens at most six connections to the
// API server and every watch holds one: the details page keeps five on its Overview tab, so a sixth
// would leave none for the header's actions. Snapshots and restores are read this way where a
// watch does not fit: their controllers write the VM when they start and end (status
// snapshotInProgress / restoreInProgress), so the VM's own watch brings each step.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import type { KubeObject, VirtualMachine } from '../../api/types.ts';

export function useListOnVmChange<T extends KubeObject>(path: string, vm: VirtualMachine): { items: T[]; error?: string } {
  const { client } = useApi();
  const [state, setState] = useState<{ items: T[]; error?: string }>({ items: [] });
  // The VM's resourceVersion stands for every change of it (`vm` is a new object each time).
  const rv = vm.metadata.resourceVersion;
  useEffect(() => {
    const ac = new AbortController();
    client.list<T>(path, ac.signal).then(
      (list) => setState({ items: list.items }),
      (e: unknown) => !ac.signal.aborted && setState((s) => ({ ...s, error: (e as Error).message })),
    );
    return () => ac.abort();
  }, [client, path, rv]);
  return state;
}
