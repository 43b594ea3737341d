// The VM list's rows, joined from VMs and their VMIs, and their sorting.
import { key } from '../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { statusProgress } from './migration.ts';
import { vmStatus } from './status.ts';

export interface VmRow {
  name: string;
  namespace: string;
  status: string;
  conditions: string[];
  node: string;
  ip: string;
  created: string;
  /** Percent moved, only while the VM is Migrating. */
  progress?: number;
}

export type SortColumn = 'name' | 'namespace' | 'status' | 'conditions' | 'node' | 'ip' | 'created';
export const COLUMNS: SortColumn[] = ['name', 'namespace', 'status', 'conditions', 'node', 'ip', 'created'];

export function vmRows(vms: VirtualMachine[], vmis: VirtualMachineInstance[]): VmRow[] {
  const byKey = new Map(vmis.map((v) => [key(v), v]));
  return vms.map((vm) => {
    const vmi = byKey.get(key(vm));
    const status = vmStatus(vm);
    const progress = statusProgress(status, vmi);
    return {
      name: vm.metadata.name,
      namespace: vm.metadata.namespace ?? '',
      status,
      conditions: (vm.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type),
      node: vmi?.status?.nodeName ?? '',
      ip: vmi?.status?.interfaces?.find((i) => i.ipAddress)?.ipAddress ?? '',
      created: vm.metadata.creationTimestamp ?? '',
      ...(progress === undefined ? {} : { progress }),
    };
  });
}

const text = (r: VmRow, c: SortColumn): string => (c === 'conditions' ? r.conditions.join(',') : r[c]);

/** Sorted copy; ties keep namespace/name order so the list never jumps. */
export function sortRows(rows: VmRow[], column: SortColumn, direction: 'asc' | 'desc'): VmRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const c = text(a, column).localeCompare(text(b, column), undefined, { numeric: true });
    if (c !== 0) return sign * c;
    return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  });
}
