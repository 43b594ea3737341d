// Migrate with a node choice: which nodes the dialog offers as the target, and why the others are
// not (the VM's current node, cordoned, not Ready), and the MigrateOptions body the migrate
// subresource takes. The chosen node becomes `addedNodeSelector: {kubernetes.io/hostname: …}` on
// the VirtualMachineInstanceMigration; the controller applies it on top of the VMI's own rules.
import type { Condition, KubeObject } from '../api/types.ts';

export interface NodeObject extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: { conditions?: Condition[] };
}

export type NodeBlock = 'current' | 'cordoned' | 'notReady';

export interface NodeChoice {
  name: string;
  /** The kubernetes.io/hostname label the migration selects by (the node's name when unlabelled). */
  hostname: string;
  /** Why the node is not offered; undefined when it is. */
  block?: NodeBlock;
}

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

const ready = (n: NodeObject) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

function blockOf(n: NodeObject, current: string | undefined): NodeBlock | undefined {
  if (n.metadata.name === current) return 'current';
  if (n.spec?.unschedulable) return 'cordoned';
  if (!ready(n)) return 'notReady';
  return undefined;
}

/** Every node, offered ones first, each group by name. */
export function migrationNodes(nodes: readonly NodeObject[], current: string | undefined): NodeChoice[] {
  return nodes
    .map((n) => ({ name: n.metadata.name, hostname: n.metadata.labels?.[HOSTNAME_LABEL] ?? n.metadata.name, block: blockOf(n, current) }))
    .sort((a, b) => Number(!!a.block) - Number(!!b.block) || a.name.localeCompare(b.name));
}

export interface MigrateOptions {
  apiVersion: 'subresources.kubevirt.io/v1';
  kind: 'MigrateOptions';
  addedNodeSelector?: Record<string, string>;
}

/** The body of PUT …/migrate: no selector for "Automatically selected node". */
export function migrateOptions(choice: NodeChoice | undefined): MigrateOptions {
  return { apiVersion: 'subresources.kubevirt.io/v1', kind: 'MigrateOptions', ...(choice ? { addedNodeSelector: { [HOSTNAME_LABEL]: choice.hostname } } : {}) };
}
