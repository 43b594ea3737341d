// Which StorageClass a claim uses and where its volumes may go. Pure over listed objects.
import type { Node } from '../../api/core/node.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { isDefaultClass, type StorageClass } from '../../api/storage/storageclass.ts';
import { PROVISIONER_LOCAL, PROVISIONER_SHARED, SHARED_ROOT_ANNOTATION, VOLUME_ROOT_ANNOTATION } from './protocol.ts';

export const OUR_PROVISIONERS = [PROVISIONER_LOCAL, PROVISIONER_SHARED];

/**
 * The class of a claim: the named one; the default class when the field is absent (Kubernetes'
 * DefaultStorageClass admission would have written it; Vireo's PVC admission does not, and the
 * field is immutable, so the provisioner resolves it the same way instead); none for "".
 */
export function classOf(pvc: PersistentVolumeClaim, classes: StorageClass[]): StorageClass | undefined {
  const name = pvc.spec?.storageClassName;
  if (name === '') return undefined;
  if (name !== undefined) return classes.find((c) => c.metadata.name === name);
  const defaults = classes.filter(isDefaultClass).sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
  return defaults[0];
}

export function defaultClassName(classes: StorageClass[]): string | undefined {
  return classOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, spec: {} }, classes)?.metadata.name;
}

export function isReady(node: Node): boolean {
  return !!node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !node.metadata.deletionTimestamp && !node.spec?.unschedulable;
}

/** Ready nodes whose agent runs the storage component, by name (stable, so choices repeat). */
export function storageNodes(nodes: Node[]): Node[] {
  return nodes.filter((n) => isReady(n) && n.metadata.annotations?.[VOLUME_ROOT_ANNOTATION]).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

export function volumeRootOf(node: Node | undefined): string | undefined {
  return node?.metadata.annotations?.[VOLUME_ROOT_ANNOTATION];
}

/** The shared class's directory: its `path` parameter, else what the nodes publish. */
export function sharedRoot(sc: StorageClass, nodes: Node[]): string | undefined {
  return sc.parameters?.path || storageNodes(nodes).map((n) => n.metadata.annotations?.[SHARED_ROOT_ANNOTATION]).find(Boolean);
}
