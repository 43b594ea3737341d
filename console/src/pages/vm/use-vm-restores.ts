// The namespace's VirtualMachineRestores as the Snapshots tab shows them: read when the VM changes
// (use-list-on-vm-change.ts: the browser's connection budget), and watched live only while a
// restore into this VM is unfinished, since its last steps (complete, or failed) come after the
// controller's last write to the VM. When the watch goes quiet its last reading is kept and merged
// with later reads, newest copy of each restore first.
import { useEffect, useState } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine, VirtualMachineRestore } from '../../api/types.ts';
import { newestByName, unfinishedRestore } from '../../vm/snapshots.ts';
import { useListOnVmChange } from './use-list-on-vm-change.ts';

export function useVmRestores(vm: VirtualMachine): { items: VirtualMachineRestore[]; error?: string } {
  const path = paths.vmrestores(vm.metadata.namespace ?? 'default');
  const read = useListOnVmChange<VirtualMachineRestore>(path, vm);
  const [watching, setWatching] = useState(false);
  const [settled, setSettled] = useState<VirtualMachineRestore[]>([]);
  const live = useWatchList<VirtualMachineRestore>(watching ? path : undefined);
  const items = watching && live.loaded ? newestByName(read.items, live.items) : newestByName(read.items, settled);
  const unfinished = items.some((r) => unfinishedRestore(r, vm));
  useEffect(() => {
    if (unfinished && !watching) setWatching(true);
    if (!unfinished && watching && live.loaded) {
      setSettled(live.items);
      setWatching(false);
    }
  }, [unfinished, watching, live.loaded, live.items]);
  return { items, error: read.error ?? (watching ? live.error : undefined) };
}
