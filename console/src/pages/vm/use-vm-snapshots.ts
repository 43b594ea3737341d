// The VM's snapshots, newest first, live: one watch of the namespace's VirtualMachineSnapshots,
// shared by the Overview card and the Snapshots tab.
import { useMemo } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine, VirtualMachineSnapshot } from '../../api/types.ts';
import { snapshotsOf } from '../../vm/snapshots.ts';

export function useVmSnapshots(vm: VirtualMachine): { items: VirtualMachineSnapshot[]; loaded: boolean; error?: string } {
  const list = useWatchList<VirtualMachineSnapshot>(paths.vmsnapshots(vm.metadata.namespace ?? 'default'));
  const items = useMemo(() => snapshotsOf(list.items, vm), [list.items, vm]);
  return { items, loaded: list.loaded, error: list.error };
}
