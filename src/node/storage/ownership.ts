// Which PVs this node holds the files of: local PVs under its volume root with its hostname in
// the node affinity, and shared PVs under its shared root. Pure.
import { join } from 'node:path';
import type { PersistentVolume } from '../../api/core/pv.ts';
import { pvNode } from '../../controllers/storage/pv-build.ts';

export interface Roots {
  nodeName: string;
  volumeRoot: string;
  sharedRoot: string;
}

export interface OwnedVolume {
  dir: string;
  shared: boolean;
}

const under = (path: string, root: string) => path.startsWith(`${join(root)}/`) && !path.slice(root.length).includes('..');

export function ownedVolume(pv: PersistentVolume, r: Roots): OwnedVolume | undefined {
  const local = pv.spec?.local?.path;
  if (local && under(local, r.volumeRoot) && pvNode(pv) === r.nodeName) return { dir: local, shared: false };
  const host = pv.spec?.hostPath?.path;
  if (host && under(host, r.sharedRoot)) return { dir: host, shared: true };
  return undefined;
}
