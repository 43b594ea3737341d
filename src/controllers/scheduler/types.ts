// Shapes shared by the scheduler's pure parts.
import type { Node } from '../../api/core/node.ts';

export type Labels = Record<string, string>;

export type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

export interface FilterOptions {
  /** HyperConverged spec.defaultCPUModel: the model of a VMI that names none. */
  defaultCPUModel?: string;
  /** Labels of each namespace, for pod affinity terms with a namespaceSelector. */
  namespaceLabels?: ReadonlyMap<string, Labels>;
  /** Access modes of each PersistentVolumeClaim ("namespace/name"); claims not listed are not restricted. */
  claimAccessModes?: ReadonlyMap<string, readonly string[]>;
}

/** Why one node cannot take the VMI; an empty list means it can. */
export interface NodeVerdict {
  node: string;
  reasons: string[];
}
