// `vireo node drain`'s loop: cordon the node, then, pass after pass, plan every VMI still on it
// (drain-plan.ts), act once on each step (create a migration, stop the VM, delete the VMI) and
// print what changed, until only VMIs that must stay (refused, External) are left, or time is up.
import type { HyperConverged } from '../api/hco/hyperconverged.ts';
import type { Node } from '../api/core/node.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { ApiStatusError, type KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { evictionStrategyOf, planDrainStep, type DrainStep } from './drain-plan.ts';
import { compactLine } from './migration-progress.ts';
import { vmSubresource } from './paths.ts';

/** Label on the migrations a drain creates: which node they empty. */
export const DRAINED_NODE_LABEL = 'vireo.io/drained-node';

export interface DrainOptions {
  /** 0: no limit. */
  timeoutMs: number;
  pollMs?: number;
  print?: (line: string) => void;
}

export interface DrainOutcome {
  /** "ns/name: why" of VMIs the drain could not evict. */
  refused: string[];
  /** "ns/name: why" of VMIs left on purpose (External). */
  left: string[];
}

/** Sets spec.unschedulable; returns false when it already had that value. */
export async function setUnschedulable(client: KubeClient, node: string, value: boolean): Promise<boolean> {
  const n = await client.get<Node>(R.nodes, undefined, node);
  if ((n.spec?.unschedulable ?? false) === value) return false;
  await client.mergePatch(R.nodes, undefined, node, { spec: { unschedulable: value || null } });
  return true;
}

const keyOf = (o: { metadata: { namespace?: string; name?: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

class Drain {
  private readonly print: (line: string) => void;
  /** VMI uid → the one-shot step already taken for it (stop, delete). */
  private readonly acted = new Map<string, DrainStep['kind']>();
  /** ns/name → migrations this drain created for it, oldest first. */
  private readonly created = new Map<string, string[]>();
  /** ns/name → the last line printed for it. */
  private readonly lines = new Map<string, string>();
  /** ns/name → the one-shot step taken for it, to say how it left. */
  private readonly removal = new Map<string, 'stopped' | 'deleted'>();
  private hco: HyperConverged | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly node: string,
    private readonly opts: DrainOptions,
  ) {
    this.print = opts.print ?? ((l) => console.log(l));
  }

  async run(): Promise<DrainOutcome> {
    if (await setUnschedulable(this.client, this.node, true)) this.print(`node/${this.node} cordoned`);
    else this.print(`node/${this.node} already cordoned`);
    this.hco = (await this.client.list<HyperConverged>(R.hyperconvergeds)).items[0];
    const deadline = this.opts.timeoutMs > 0 ? Date.now() + this.opts.timeoutMs : Infinity;
    for (;;) {
      const vmis = (await this.client.list<VirtualMachineInstance>(R.vmis, undefined, { fieldSelector: `status.nodeName=${this.node}` })).items;
      const migrations = (await this.client.list<VirtualMachineInstanceMigration>(R.vmims)).items;
      const outcome: DrainOutcome = { refused: [], left: [] };
      const waiting: string[] = [];
      for (const vmi of vmis) {
        const key = keyOf(vmi);
        const step = this.plan(vmi, migrations);
        const line = await this.act(vmi, step, migrations);
        this.report(key, line);
        if (step.kind === 'refuse') outcome.refused.push(`${key}: ${step.reason}`);
        else if (step.kind === 'leave') outcome.left.push(`${key}: ${step.reason}`);
        else waiting.push(`${key}: ${line}`);
      }
      this.reportGone(new Set(vmis.map(keyOf)), migrations);
      if (waiting.length === 0) return outcome;
      if (Date.now() > deadline) {
        throw new Error(`timed out draining node ${this.node} after ${this.opts.timeoutMs / 1000} s; still on it: ${waiting.join('; ')}`);
      }
      await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 1000));
    }
  }

  private plan(vmi: VirtualMachineInstance, migrations: VirtualMachineInstanceMigration[]): DrainStep {
    const ns = migrations.filter((m) => m.metadata.namespace === vmi.metadata.namespace);
    const attempts = (this.created.get(keyOf(vmi)) ?? []).flatMap((name) => ns.filter((m) => m.metadata.name === name));
    return planDrainStep(vmi, { hco: this.hco, migrations: ns, attempts });
  }

  /** Takes the step (once for one-shot steps) and returns the VMI's line. */
  private async act(vmi: VirtualMachineInstance, step: DrainStep, migrations: VirtualMachineInstanceMigration[]): Promise<string> {
    const ns = vmi.metadata.namespace!;
    const name = vmi.metadata.name!;
    const { strategy, from } = evictionStrategyOf(vmi, this.hco);
    const tag = `evictionStrategy ${strategy}${from === 'VMI' ? '' : ` from ${from === 'default' ? 'the default' : from}`}`;
    try {
      switch (step.kind) {
        case 'migrate': {
          const m = await this.client.create<VirtualMachineInstanceMigration>(R.vmims, ns, {
            apiVersion: 'kubevirt.io/v1',
            kind: 'VirtualMachineInstanceMigration',
            metadata: { generateName: `${name}-drain-`, namespace: ns, labels: { [DRAINED_NODE_LABEL]: this.node } },
            spec: { vmiName: name },
          } as VirtualMachineInstanceMigration);
          const list = this.created.get(keyOf(vmi)) ?? [];
          this.created.set(keyOf(vmi), [...list, m.metadata.name!]);
          const retry = list.length > 0 ? `, attempt ${list.length + 1}` : '';
          return `migrating (${tag}; migration ${m.metadata.name}${retry})`;
        }
        case 'await-migration': {
          const m = migrations.find((x) => x.metadata.namespace === ns && x.metadata.name === step.migration);
          return `migration ${step.migration}: ${m ? compactLine(m) : 'Pending'}`;
        }
        case 'stop-vm':
          if (this.acted.get(vmi.metadata.uid!) !== 'stop-vm') {
            await this.client.request('PUT', vmSubresource(ns, step.vm, 'stop'), { body: {} });
            this.acted.set(vmi.metadata.uid!, 'stop-vm');
            this.removal.set(keyOf(vmi), 'stopped');
          }
          return `stopping VM ${step.vm} (${tag}${strategy === 'LiveMigrateIfPossible' ? ', not live-migratable' : ''})`;
        case 'delete-vmi':
          if (this.acted.get(vmi.metadata.uid!) !== 'delete-vmi') {
            await this.deleteVmi(vmi);
            this.acted.set(vmi.metadata.uid!, 'delete-vmi');
            this.removal.set(keyOf(vmi), 'deleted');
          }
          return vmi.status?.phase === 'Running' ? `deleting the VMI (${tag}; no VirtualMachine owns it)` : `deleting the VMI (${vmi.status?.phase ?? 'not running'})`;
        case 'await-deletion':
          return 'shutting down';
        case 'refuse':
          return `cannot evict: ${step.reason}`;
        case 'leave':
          return step.reason;
      }
    } catch (e) {
      // Printed as the VMI's line and tried again on the next pass.
      if (e instanceof ApiStatusError) return `${step.kind} failed, retrying: ${e.message}`;
      throw e;
    }
  }

  private async deleteVmi(vmi: VirtualMachineInstance): Promise<void> {
    try {
      await this.client.delete(R.vmis, vmi.metadata.namespace, vmi.metadata.name!, { preconditions: { uid: vmi.metadata.uid } });
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.code === 404)) throw e; // gone already is what we wanted
    }
  }

  private report(key: string, line: string): void {
    if (this.lines.get(key) === line) return;
    this.lines.set(key, line);
    this.print(`${key}: ${line}`);
  }

  /** VMIs reported before and no longer on the node: where they went. */
  private reportGone(present: Set<string>, migrations: VirtualMachineInstanceMigration[]): void {
    for (const key of [...this.lines.keys()]) {
      if (present.has(key)) continue;
      this.lines.delete(key);
      const last = this.created.get(key)?.at(-1);
      const m = last ? migrations.find((x) => keyOf(x) === `${key.split('/')[0]}/${last}`) : undefined;
      const target = m?.status?.migrationState?.targetNode;
      const how = m?.status?.phase === 'Succeeded' ? `moved to ${target ?? 'another node'}` : (this.removal.get(key) ?? 'off the node');
      this.print(`${key}: ${how}`);
    }
  }
}

export function drainNode(client: KubeClient, node: string, opts: DrainOptions): Promise<DrainOutcome> {
  return new Drain(client, node, opts).run();
}
