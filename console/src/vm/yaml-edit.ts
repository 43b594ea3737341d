// The VM YAML tab's logic: the text shown for a VM (without managedFields, as OpenShift's console
// hides them) and the object a save PUTs — pinned to the resourceVersion the text was loaded from,
// so a change made meanwhile is refused (409) instead of overwritten.
import { stringify } from 'yaml';
import type { KubeObject } from '../api/types.ts';

export function yamlOf(obj: KubeObject): string {
  const { managedFields: _hidden, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return stringify({ ...obj, metadata });
}

/** The object to PUT: the edited one, with the loaded resourceVersion unless the text names one. */
export function objectToSave<T extends KubeObject>(edited: T, loadedResourceVersion: string | undefined): T {
  if (edited.metadata.resourceVersion || !loadedResourceVersion) return edited;
  return { ...edited, metadata: { ...edited.metadata, resourceVersion: loadedResourceVersion } };
}
