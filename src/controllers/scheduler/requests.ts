// What a VMI asks of a node, and what a node has left. The numbers follow KubeVirt's launcher pod:
// its memory request is the guest's plus an overhead, and its CPU request is a fraction of a core
// per vCPU unless the VMI asks for CPU itself.
import { parseQuantity } from '../../api/common/quantity.ts';
import type { Node } from '../../api/core/node.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';

/**
 * Memory a VM costs its node beyond guest RAM (QEMU, its I/O threads, the agent's bookkeeping).
 * KubeVirt computes ~180Mi+ for its launcher's containers; Vireo runs no containers, and its
 * measured per-VM cost is under 40Mi, so 64Mi leaves headroom without wasting much.
 */
export const VM_MEMORY_OVERHEAD = 64 * 2 ** 20;

/** KubeVirt's default cpuAllocationRatio: each vCPU requests 1/10 of a core (100m). */
export const CPU_ALLOCATION_RATIO = 10;

export type Amounts = Map<string, number>;

const FINISHED = new Set(['Succeeded', 'Failed']);

export function isFinished(vmi: VirtualMachineInstance): boolean {
  return FINISHED.has(vmi.status?.phase ?? '');
}

export function vcpus(vmi: VirtualMachineInstance): number {
  const cpu = vmi.spec?.domain?.cpu;
  return (cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1);
}

const q = (v: string | number | undefined): number | undefined => (v === undefined ? undefined : parseQuantity(v));

/** cpu (cores), memory (bytes) and any extended resources the VMI requests. */
export function vmiRequests(vmi: VirtualMachineInstance): Amounts {
  const domain = vmi.spec?.domain;
  // The schema allows extended resources (devices.kubevirt.io/kvm, GPUs) beside cpu and memory.
  const requests: Record<string, string | number | undefined> = domain?.resources?.requests ?? {};
  const limits: Record<string, string | number | undefined> = domain?.resources?.limits ?? {};
  const out: Amounts = new Map();
  const guest = q(requests.memory) ?? q(domain?.memory?.guest) ?? q(limits.memory) ?? 0;
  out.set('memory', guest + (domain?.resources?.overcommitGuestOverhead ? 0 : VM_MEMORY_OVERHEAD));
  // As for a Pod, a limit without a request is the request; dedicated CPUs are whole cores.
  const cpu = q(requests.cpu) ?? q(limits.cpu) ?? (domain?.cpu?.dedicatedCpuPlacement ? vcpus(vmi) : vcpus(vmi) / CPU_ALLOCATION_RATIO);
  out.set('cpu', cpu);
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    if (name === 'cpu' || name === 'memory') continue;
    const v = q(requests[name]) ?? q(limits[name]);
    if (v !== undefined) out.set(name, v);
  }
  return out;
}

/** status.allocatable, falling back to status.capacity per resource; absent means none. */
export function nodeAllocatable(node: Node): Amounts {
  const out: Amounts = new Map();
  const cap = node.status?.capacity ?? {};
  const alloc = node.status?.allocatable ?? {};
  for (const name of new Set([...Object.keys(cap), ...Object.keys(alloc)])) {
    const v = alloc[name] ?? cap[name];
    if (v !== undefined) out.set(name, parseQuantity(v));
  }
  return out;
}

/** Sum of the requests of the VMIs bound to each node that have not finished. */
export function usageByNode(vmis: readonly VirtualMachineInstance[]): Map<string, Amounts> {
  const out = new Map<string, Amounts>();
  for (const vmi of vmis) {
    const node = vmi.status?.nodeName;
    if (!node || isFinished(vmi)) continue;
    const used = out.get(node) ?? new Map<string, number>();
    for (const [k, v] of vmiRequests(vmi)) used.set(k, (used.get(k) ?? 0) + v);
    out.set(node, used);
  }
  return out;
}

/** The resources (sorted) the node lacks for `want`, given what is already used there. */
export function insufficientResources(want: Amounts, allocatable: Amounts, used: Amounts | undefined): string[] {
  const short: string[] = [];
  for (const [name, amount] of want) {
    if (amount <= 0) continue;
    // A tiny epsilon: decimal quantities (100m × 3) must not fail on float rounding.
    if ((used?.get(name) ?? 0) + amount > (allocatable.get(name) ?? 0) + 1e-9) short.push(name);
  }
  return short.sort();
}
