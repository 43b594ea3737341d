// Runs a VM action against the API and keeps what failed, so the page shows every error in an
// alert (none is swallowed). One action at a time per page: the menus grey out while it runs.
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { useT } from '../../context.tsx';
import type { VmAction, VmActionId } from '../../vm/actions.ts';

export interface ActionError {
  id: number;
  title: string;
  message: string;
}

export interface VmActionRunner {
  run: (a: VmAction, namespace: string, name: string) => Promise<void>;
  /** The action under way, as `namespace/name`, and its id. */
  pending?: { vm: string; id: VmActionId };
  errors: ActionError[];
  dismiss: (id: number) => void;
}

/** `withName`: the error titles name the VM (the list acts on many). */
export function useVmActionRunner(withName: boolean): VmActionRunner {
  const { client } = useApi();
  const { t } = useT();
  const [errors, setErrors] = useState<ActionError[]>([]);
  const [pending, setPending] = useState<VmActionRunner['pending']>();
  const nextId = useRef(0);
  const run = useCallback(
    async (a: VmAction, namespace: string, name: string) => {
      setPending({ vm: `${namespace}/${name}`, id: a.id });
      try {
        if (a.method === 'DELETE') await client.delete(a.path);
        else await client.put(a.path, {});
      } catch (e) {
        const action = t(a.label);
        const title = withName ? t('action.failedFor', { action, name }) : t('action.failed', { action });
        setErrors((l) => [...l, { id: nextId.current++, title, message: (e as Error).message }]);
      } finally {
        setPending(undefined);
      }
    },
    [client, t, withName],
  );
  const dismiss = useCallback((id: number) => setErrors((l) => l.filter((x) => x.id !== id)), []);
  return { run, pending, errors, dismiss };
}
