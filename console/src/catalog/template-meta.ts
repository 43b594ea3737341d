// What the catalog reads from a common template's labels and annotations (OpenShift's
// common-templates conventions): OS, workload and flavor labels; display name, provider, icon,
// description and deprecation annotations.
import type { Template } from '../api/types.ts';

export type Workload = 'server' | 'desktop' | 'highperformance';
export const WORKLOADS: readonly Workload[] = ['server', 'desktop', 'highperformance'];

/** Set on the one template per OS OpenShift shows under "Default templates". */
export const DEFAULT_VARIANT_LABEL = 'template.kubevirt.io/default-os-variant';

/** The `<x>` of the first `<prefix><x>: "true"` label. */
function labelled(t: Template, prefix: string): string | undefined {
  const hit = Object.entries(t.metadata.labels ?? {}).find(([k, v]) => k.startsWith(prefix) && v === 'true');
  return hit?.[0].slice(prefix.length);
}

const annotation = (t: Template, k: string): string | undefined => t.metadata.annotations?.[k] || undefined;

export const templateOs = (t: Template): string => labelled(t, 'os.template.kubevirt.io/') ?? '';

export function templateWorkload(t: Template): Workload | undefined {
  const w = labelled(t, 'workload.template.kubevirt.io/');
  return WORKLOADS.find((x) => x === w);
}

export const templateFlavor = (t: Template): string | undefined => labelled(t, 'flavor.template.kubevirt.io/');

export const displayName = (t: Template): string => annotation(t, 'openshift.io/display-name') ?? t.metadata.name;

export const providerName = (t: Template): string => annotation(t, 'openshift.io/provider-display-name') ?? annotation(t, 'template.kubevirt.io/provider') ?? '';

export const description = (t: Template): string => annotation(t, 'description') ?? '';

export const iconClass = (t: Template): string => annotation(t, 'iconClass') ?? '';

/** The OS's own name (`name.os.template.kubevirt.io/<os>`), else the template's display name. */
export const osName = (t: Template): string => annotation(t, `name.os.template.kubevirt.io/${templateOs(t)}`) ?? displayName(t);

export const isDeprecated = (t: Template): boolean =>
  annotation(t, 'template.kubevirt.io/deprecated') === 'true' || t.metadata.labels?.['template.kubevirt.io/deprecated'] === 'true';

export const isDefaultVariant = (t: Template): boolean => t.metadata.labels?.[DEFAULT_VARIANT_LABEL] === 'true';
