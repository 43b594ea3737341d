// Every VirtualMachineInstanceMigration through the shared watch (one cache for the list and the
// details), grouped by VMI.
import { useMemo } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachineInstanceMigration } from '../../api/types.ts';
import { migrationsByVmi } from '../../vm/migration.ts';

const NONE: readonly VirtualMachineInstanceMigration[] = [];

export interface VmMigrations {
  /** The migrations of VMI `name` in `namespace`. */
  of: (namespace: string, name: string) => readonly VirtualMachineInstanceMigration[];
  error?: string;
}

export function useVmMigrations(): VmMigrations {
  const list = useWatchList<VirtualMachineInstanceMigration>(paths.vmims());
  return useMemo(() => {
    const byVmi = migrationsByVmi(list.items);
    return { of: (ns: string, name: string) => byVmi.get(`${ns}/${name}`) ?? NONE, error: list.error };
  }, [list.items, list.error]);
}
