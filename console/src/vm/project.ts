// A new project (seed 000: created from the tree), as OpenShift makes one: a Namespace whose name is a
// DNS label, with the display name and description as OpenShift's annotations.
import type { KubeObject } from '../api/types.ts';

export type ProjectProblem = 'project.nameEmpty' | 'project.nameChars' | 'project.nameEnds' | 'project.nameTooLong' | 'project.nameReserved';

export function projectNameProblems(name: string): ProjectProblem[] {
  if (name === '') return ['project.nameEmpty'];
  const out: ProjectProblem[] = [];
  if (name.length > 63) out.push('project.nameTooLong');
  if (/[^a-z0-9-]/.test(name)) out.push('project.nameChars');
  else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) out.push('project.nameEnds');
  // Names the platform keeps for itself (seed 000 warns against them; the API refuses VMs there).
  if (/^(openshift|kube|vireo)-/.test(name) || name === 'openshift' || name === 'kubernetes') out.push('project.nameReserved');
  return out;
}

export function projectNamespace(name: string, displayName: string, description: string): KubeObject {
  const annotations: Record<string, string> = {};
  if (displayName.trim()) annotations['openshift.io/display-name'] = displayName.trim();
  if (description.trim()) annotations['openshift.io/description'] = description.trim();
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) } };
}
