// VMs whose node agents are the test, for API and CLI tests without QEMU. Made-up Nodes (Ready,
// labelled vireo.io/sim) exist only as objects; the VM controller creates each VMI and the test
// writes its status (Running on a made-up node, LiveMigratable as asked). The real migration
// controller runs; the test plays both agents of a migration by writing the VMI's migrationState
// as src/controllers/migration/protocol.ts describes.
import type { Node } from '../../src/api/core/node.ts';
import type { MigrationState, VirtualMachine, VirtualMachineInstance } from '../../src/api/kubevirt/index.ts';
import type { KubeClient } from '../../src/client/client.ts';
import { R } from '../../src/client/resources.ts';
import type { Condition } from '../../src/machinery/object.ts';
import { waitFor } from './vm-e2e.ts';

/** Only the made-up nodes carry it, so simulated VMIs never land on a real one. */
export const SIM_LABEL = 'vireo.io/sim';

export interface SimulatedVm {
  node: string;
  evictionStrategy?: string;
  /** false: LiveMigratable=False with `notMigratableMessage`. */
  migratable?: boolean;
  notMigratableMessage?: string;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Creates Ready Nodes the scheduler and the migration controller can choose. */
export async function createSimNodes(c: KubeClient, names: string[]): Promise<void> {
  for (const name of names) {
    await c.create(R.nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, [SIM_LABEL]: 'true' } }, spec: {} } as Node);
    const n = await c.get<Node>(R.nodes, undefined, name);
    await c.updateStatus(R.nodes, {
      ...n,
      status: {
        allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
        capacity: { cpu: '8', memory: '16Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'simulated', lastTransitionTime: now(), lastHeartbeatTime: now() }],
        addresses: [{ type: 'InternalIP', address: '192.0.2.1' }],
      },
    } as Node);
  }
}

export function simulatedVm(ns: string, name: string, o: Pick<SimulatedVm, 'evictionStrategy'> = {}): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: ns },
    spec: {
      runStrategy: 'Always',
      template: {
        metadata: { labels: { 'kubevirt.io/domain': name } },
        spec: {
          nodeSelector: { [SIM_LABEL]: 'true' },
          ...(o.evictionStrategy ? { evictionStrategy: o.evictionStrategy } : {}),
          domain: { resources: { requests: { memory: '64Mi' } }, devices: {} },
        },
      },
    },
  } as VirtualMachine;
}

/** Applies `change` to the VMI's status as an agent would; retried when someone else wrote in between. */
export async function updateVmiStatus(c: KubeClient, ns: string, name: string, change: (s: NonNullable<VirtualMachineInstance['status']>) => void): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${ns}/${name} status written`, 10_000, async () => {
    const vmi = await c.get<VirtualMachineInstance>(R.vmis, ns, name);
    const status = structuredClone(vmi.status ?? {});
    change(status);
    return c.updateStatus<VirtualMachineInstance>(R.vmis, { ...vmi, status });
  }, 50);
}

export function liveMigratable(o: Pick<SimulatedVm, 'migratable' | 'notMigratableMessage'>): Condition {
  return o.migratable === false
    ? { type: 'LiveMigratable', status: 'False', reason: 'HostDiskNotLiveMigratable', message: o.notMigratableMessage ?? 'volume "d" is a hostDisk', lastTransitionTime: now() }
    : { type: 'LiveMigratable', status: 'True', lastTransitionTime: now() };
}

/** Creates the VM, waits for its VMI and reports it Running on `o.node`. */
export async function runSimulatedVm(c: KubeClient, ns: string, name: string, o: SimulatedVm): Promise<VirtualMachineInstance> {
  await c.create(R.vms, ns, simulatedVm(ns, name, o));
  await waitFor(`VMI ${ns}/${name} created`, 10_000, () => c.tryGet<VirtualMachineInstance>(R.vmis, ns, name), 50);
  return updateVmiStatus(c, ns, name, (s) => {
    s.phase = 'Running';
    s.nodeName = o.node;
    s.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: now() }, liveMigratable(o)];
  });
}

/** The migration the controller handed to the agents (its migrationState), once it has. */
export async function handedOver(c: KubeClient, ns: string, name: string, migrationUid: string): Promise<MigrationState> {
  return waitFor(`the migration of ${ns}/${name} handed to the agents`, 15_000, async () => {
    const m = (await c.get<VirtualMachineInstance>(R.vmis, ns, name)).status?.migrationState;
    return m?.migrationUid === migrationUid && m.targetNode ? m : undefined;
  }, 50);
}

/** Plays the agents: merges `fields` into the VMI's migrationState. */
export function writeMigrationState(c: KubeClient, ns: string, name: string, fields: Partial<MigrationState>): Promise<VirtualMachineInstance> {
  return updateVmiStatus(c, ns, name, (s) => {
    s.migrationState = { ...(s.migrationState ?? {}), ...fields };
  });
}

/** Plays the source agent finishing and the target agent taking the VMI over. */
export function completeMigration(c: KubeClient, ns: string, name: string, fields: Partial<MigrationState> = {}): Promise<VirtualMachineInstance> {
  return updateVmiStatus(c, ns, name, (s) => {
    s.migrationState = { ...(s.migrationState ?? {}), completed: true, endTimestamp: now(), ...fields };
    s.nodeName = s.migrationState.targetNode;
  });
}

/** Plays the source agent reporting a failed migration (the guest stays on the source). */
export function failMigration(c: KubeClient, ns: string, name: string, failureReason: string): Promise<VirtualMachineInstance> {
  return writeMigrationState(c, ns, name, { failed: true, failureReason, endTimestamp: now() });
}
