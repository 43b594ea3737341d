// The per-node reasons a VMI does not fit, worded as kube-scheduler words them so that
// `kubectl describe` reads the same as for a Pod on Kubernetes.
export const REASON = {
  unschedulable: 'node(s) were unschedulable',
  nodeSelector: "node(s) didn't match Pod's node affinity/selector",
  podAffinity: "node(s) didn't match pod affinity rules",
  podAntiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  cpuModel: "node(s) didn't have the required CPU model",
  cpuFeatures: "node(s) didn't have the required CPU features",
  cpuForbidden: 'node(s) had forbidden CPU features',
} as const;

export const insufficient = (resource: string): string => `Insufficient ${resource}`;

export const untoleratedTaint = (key: string, value: string | undefined): string => `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
