// VM and VMI fixtures for the VM controller's unit tests.
import type { Condition } from '../../machinery/object.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineStatus } from '../../api/kubevirt/index.ts';
import type { RunStrategy } from './run-strategy.ts';

export const NOW = Date.parse('2025-01-01T12:00:00Z');
export const VMI_UID = 'vmi-uid-1';

export function vmFixture(
  strategy: RunStrategy | { running: boolean } | undefined,
  opts: { status?: VirtualMachineStatus; deleting?: boolean; finalizers?: string[]; generation?: number; memory?: string } = {},
): VirtualMachine {
  const run = strategy === undefined ? {} : typeof strategy === 'string' ? { runStrategy: strategy } : strategy;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: 'vm1',
      namespace: 'ns1',
      uid: 'vm-uid-1',
      generation: opts.generation ?? 1,
      ...(opts.finalizers ? { finalizers: opts.finalizers } : {}),
      ...(opts.deleting ? { deletionTimestamp: '2025-01-01T11:59:00Z' } : {}),
    },
    spec: {
      ...run,
      template: {
        metadata: { labels: { 'kubevirt.io/domain': 'vm1' }, annotations: { note: 'x' } },
        spec: {
          domain: {
            memory: { guest: opts.memory ?? '128Mi' },
            devices: { interfaces: [{ name: 'default', masquerade: {} }, { name: 'fixed', bridge: {}, macAddress: '52:54:00:00:00:01' }] },
          },
          networks: [{ name: 'default', pod: {} }],
        },
      },
    },
    ...(opts.status ? { status: opts.status } : {}),
  } as VirtualMachine;
}

export type VmiState = 'Pending' | 'Scheduled' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | 'deleting';

export function vmiFixture(
  state: VmiState | '',
  opts: { conditions?: Condition[]; reason?: string; uid?: string; annotations?: Record<string, string>; transitions?: Record<string, number>; deleting?: boolean } = {},
): VirtualMachineInstance {
  const phase = state === 'deleting' ? 'Running' : state;
  const deleting = opts.deleting || state === 'deleting';
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: {
      name: 'vm1',
      namespace: 'ns1',
      uid: opts.uid ?? VMI_UID,
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
      ...(deleting ? { deletionTimestamp: '2025-01-01T11:59:30Z' } : {}),
    },
    spec: { domain: { devices: {} } },
    status: {
      ...(phase ? { phase } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.conditions ? { conditions: opts.conditions } : {}),
      ...(opts.transitions
        ? { phaseTransitionTimestamps: Object.entries(opts.transitions).map(([p, ms]) => ({ phase: p, phaseTransitionTimestamp: new Date(ms).toISOString() })) }
        : {}),
    },
  } as VirtualMachineInstance;
}

export const cond = (type: string, status: string, reason?: string, message?: string): Condition => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
