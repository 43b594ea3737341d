// The project tree of seed 000's VirtualMachines view, as data: All projects → projects → folders
// (the `vm.openshift.io/folder` label, as the OpenShift console groups VMs) → VMs. Tree ids say what
// a node is, so a drop target knows where a dragged VM goes.
import type { VirtualMachine } from '../api/types.ts';

export const FOLDER_LABEL = 'vm.openshift.io/folder';
export const ALL_ID = '#all';

export type TreeTarget = { kind: 'all' } | { kind: 'ns'; ns: string } | { kind: 'folder'; ns: string; folder: string } | { kind: 'vm'; ns: string; name: string };

export const nsId = (ns: string) => `ns/${ns}`;
export const folderId = (ns: string, folder: string) => `folder/${ns}/${folder}`;
export const vmId = (ns: string, name: string) => `vm/${ns}/${name}`;

export function parseTreeId(id: string): TreeTarget {
  const [kind, ns = '', ...rest] = id.split('/');
  if (kind === 'ns') return { kind: 'ns', ns };
  if (kind === 'folder') return { kind: 'folder', ns, folder: rest.join('/') };
  if (kind === 'vm') return { kind: 'vm', ns, name: rest.join('/') };
  return { kind: 'all' };
}

export interface TreeProject {
  ns: string;
  folders: { name: string; vms: string[] }[];
  /** VMs in no folder. */
  vms: string[];
  count: number;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Projects (those in `namespaces` and any a VM lives in), each with its folders and loose VMs, sorted. */
export function treeProjects(vms: readonly VirtualMachine[], namespaces: readonly string[], onlyWithVms: boolean): TreeProject[] {
  const byNs = new Map<string, { folders: Map<string, string[]>; vms: string[] }>();
  const entry = (ns: string) => {
    let e = byNs.get(ns);
    if (!e) byNs.set(ns, (e = { folders: new Map(), vms: [] }));
    return e;
  };
  for (const vm of vms) {
    const e = entry(vm.metadata.namespace ?? '');
    const folder = vm.metadata.labels?.[FOLDER_LABEL];
    if (folder) e.folders.set(folder, [...(e.folders.get(folder) ?? []), vm.metadata.name]);
    else e.vms.push(vm.metadata.name);
  }
  const names = new Set([...namespaces, ...byNs.keys()]);
  return [...names]
    .filter((ns) => !onlyWithVms || byNs.has(ns))
    .sort(collator.compare)
    .map((ns) => {
      const e = byNs.get(ns);
      const folders = [...(e?.folders ?? new Map<string, string[]>()).entries()].map(([name, list]) => ({ name, vms: list.sort(collator.compare) })).sort((a, b) => collator.compare(a.name, b.name));
      const loose = (e?.vms ?? []).sort(collator.compare);
      return { ns, folders, vms: loose, count: loose.length + folders.reduce((n, f) => n + f.vms.length, 0) };
    });
}

/**
 * The label change that moves a VM to a drop target: into a folder of its own project, or out of
 * its folder when dropped on its project. Undefined when the drop means nothing (another project:
 * a VM cannot change namespace; where it already is).
 */
export function folderMove(vm: VirtualMachine, target: TreeTarget): { labels: Record<string, string | null> } | undefined {
  const ns = vm.metadata.namespace ?? '';
  const current = vm.metadata.labels?.[FOLDER_LABEL];
  if (target.kind === 'folder' && target.ns === ns && target.folder !== current) return { labels: { [FOLDER_LABEL]: target.folder } };
  if (target.kind === 'ns' && target.ns === ns && current !== undefined) return { labels: { [FOLDER_LABEL]: null } };
  return undefined;
}

/** A new folder's name: a label value (63 characters at most, alphanumeric at both ends, `-_.` inside). */
export function folderNameOk(name: string): boolean {
  return name.length > 0 && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}
