// Node, Pod and VMI fixtures for the scheduler's unit tests.
import type { Node } from '../../api/core/node.ts';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { VirtualMachineInstanceSpec } from '../../api/kubevirt/vmi-spec.ts';
import type { Labels, Taint } from './types.ts';

export function node(
  name: string,
  o: { cpu?: string; memory?: string; labels?: Labels; taints?: Taint[]; ready?: 'True' | 'False' | 'none'; unschedulable?: boolean } = {},
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi' },
      conditions: o.ready === 'none' ? [] : [{ type: 'Ready', status: o.ready ?? 'True' }],
    },
  };
}

type SpecPatch = Omit<Partial<VirtualMachineInstanceSpec>, 'domain'> & { domain?: Partial<VirtualMachineInstanceSpec['domain']> };

export function vmi(
  name: string,
  o: { ns?: string; labels?: Labels; memory?: string; spec?: SpecPatch; nodeName?: string; phase?: string } = {},
): VirtualMachineInstance {
  const { domain, ...rest } = o.spec ?? {};
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: o.ns ?? 'default', uid: `uid-${name}`, labels: o.labels ?? {} },
    spec: {
      domain: { devices: {}, resources: { requests: { memory: o.memory ?? '1Gi' } }, ...domain },
      ...rest,
    },
    status: {
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.phase ? { phase: o.phase as 'Running' } : {}),
    },
  };
}

export function pod(name: string, nodeName: string, labels: Labels, o: { ns?: string; phase?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', labels },
    spec: { nodeName, containers: [{ name: 'compute' }] },
    status: { phase: (o.phase ?? 'Running') as 'Running' },
  };
}

export const Mi = 2 ** 20;
export const Gi = 2 ** 30;
