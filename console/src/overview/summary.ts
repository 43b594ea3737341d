// What the Virtualization Overview shows, computed from the shared watches' lists: VMs counted by
// status, the vCPUs and memory running VMIs request, the top consumers and the running migrations.
// Pure, so the page stays a rendering of these and the unit tests cover the arithmetic.
import type { DomainSpec, VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import { migrationFinished, migrationView } from '../vm/migration.ts';
import { statusIcon, vmStatus } from '../vm/status.ts';
import { bytesOf } from '../wizard/size.ts';

export type StatusBucket = 'running' | 'stopped' | 'error' | 'migrating' | 'paused' | 'other';
export const STATUS_BUCKETS: readonly StatusBucket[] = ['running', 'stopped', 'error', 'migrating', 'paused', 'other'];

/** The Overview's bucket of a printableStatus: every error status (and Failed) counts as Error; Provisioning, Starting, … as other. */
export function statusBucket(status: string): StatusBucket {
  if (status === 'Failed' || status.startsWith('Error')) return 'error';
  const icon = statusIcon(status);
  return icon === 'running' || icon === 'stopped' || icon === 'error' || icon === 'migrating' || icon === 'paused' ? icon : 'other';
}

export function countByStatus(vms: readonly VirtualMachine[]): Record<StatusBucket, number> {
  const out: Record<StatusBucket, number> = { running: 0, stopped: 0, error: 0, migrating: 0, paused: 0, other: 0 };
  for (const vm of vms) out[statusBucket(vmStatus(vm))]++;
  return out;
}

export interface Requests {
  vcpus: number;
  /** Bytes; 0 when the spec names no (readable) memory. */
  memoryBytes: number;
}

/** vCPUs (sockets × cores × threads, each 1 when unset) and memory (guest, else the request) of a domain. */
export function domainRequests(d: DomainSpec | undefined): Requests {
  const cpu = d?.cpu;
  const vcpus = (cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1);
  const mem = d?.memory?.guest ?? d?.resources?.requests?.memory;
  return { vcpus, memoryBytes: (mem && bytesOf(mem)) || 0 };
}

export const isRunningVmi = (vmi: VirtualMachineInstance): boolean => vmi.status?.phase === 'Running' && !vmi.metadata.deletionTimestamp;

export interface Usage extends Requests {
  /** How many running VMIs were summed. */
  running: number;
}

/** The requests of the running VMIs, summed. */
export function runningUsage(vmis: readonly VirtualMachineInstance[]): Usage {
  const out: Usage = { running: 0, vcpus: 0, memoryBytes: 0 };
  for (const vmi of vmis.filter(isRunningVmi)) {
    const r = domainRequests(vmi.spec?.domain);
    out.running++;
    out.vcpus += r.vcpus;
    out.memoryBytes += r.memoryBytes;
  }
  return out;
}

export interface Consumer {
  namespace: string;
  name: string;
  value: number;
}

/** The `n` running VMIs requesting the most of `by`, largest first (ties by namespace, then name). */
export function topConsumers(vmis: readonly VirtualMachineInstance[], by: 'vcpus' | 'memoryBytes', n = 5): Consumer[] {
  return vmis
    .filter(isRunningVmi)
    .map((v) => ({ namespace: v.metadata.namespace ?? '', name: v.metadata.name, value: domainRequests(v.spec?.domain)[by] }))
    .sort((a, b) => b.value - a.value || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
    .slice(0, n);
}

export interface RunningMigration {
  /** The migration object's name. */
  name: string;
  namespace: string;
  /** The VMI's (and so the VM's) name. */
  vmName: string;
  phase: string;
  sourceNode?: string;
  targetNode?: string;
  progress: number;
}

/** The unfinished migrations, oldest first, with nodes and progress as the details page computes them. */
export function runningMigrations(migrations: readonly VirtualMachineInstanceMigration[], vmis: readonly VirtualMachineInstance[]): RunningMigration[] {
  const vmiByKey = new Map(vmis.map((v) => [`${v.metadata.namespace ?? ''}/${v.metadata.name}`, v]));
  return migrations
    .filter((m) => !migrationFinished(m))
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name))
    .map((m) => {
      const namespace = m.metadata.namespace ?? '';
      const vmName = m.spec?.vmiName ?? '';
      const v = migrationView(vmiByKey.get(`${namespace}/${vmName}`), [m]);
      return { name: m.metadata.name, namespace, vmName, phase: v?.phase ?? 'Pending', sourceNode: v?.sourceNode, targetNode: v?.targetNode, progress: v?.progress ?? 0 };
    });
}

/** Bytes as the Overview writes them: in the largest binary unit that is at least 1, up to 2 decimals (`1.5 GiB`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.round(v * 100) / 100} ${units[i]}`;
}
