// Saves a Configuration edit: builds the ops from the VM as the watch last delivered it, guards them
// with its resourceVersion and PATCHes. The error stays until the next attempt, for the form to show.
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine } from '../../api/types.ts';
import { guarded, type PatchOp } from '../../config/json-patch.ts';
import { checkFresh, sendJsonPatch } from '../../config/patch-request.ts';
import { asConfigVm, type ConfigVm } from '../../config/vm-view.ts';

export interface VmPatch {
  pending: boolean;
  error?: Error;
  /**
   * Resolves true when saved (or when there was nothing to change). `openedGeneration`: the spec
   * generation the form was filled from; a newer one is refused as stale before sending.
   */
  save: (build: (vm: ConfigVm) => PatchOp[], openedGeneration?: number) => Promise<boolean>;
  /** Shows an error from a step before the patch (creating a Secret…). */
  fail: (e: unknown) => void;
  clear: () => void;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export function useVmPatch(vm: VirtualMachine): VmPatch {
  const { client } = useApi();
  const latest = useRef(vm);
  latest.current = vm;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();
  const save = useCallback(
    async (build: (vm: ConfigVm) => PatchOp[], openedGeneration?: number) => {
      const cur = asConfigVm(latest.current);
      setError(undefined);
      try {
        checkFresh(openedGeneration, cur.metadata.generation);
      } catch (e) {
        setError(asError(e));
        return false;
      }
      const ops = build(cur);
      if (ops.length === 0) return true;
      setPending(true);
      try {
        await sendJsonPatch(client.token, paths.vm(cur.metadata.namespace ?? '', cur.metadata.name), guarded(cur, ops));
        return true;
      } catch (e) {
        setError(asError(e));
        return false;
      } finally {
        setPending(false);
      }
    },
    [client],
  );
  const fail = useCallback((e: unknown) => setError(asError(e)), []);
  const clear = useCallback(() => setError(undefined), []);
  return { pending, error, save, fail, clear };
}
