// Is a template's boot source available? Its VM clones a DataSource (the boot disk's DataVolume
// template's sourceRef, whose `${DATA_SOURCE_NAME}`/`${DATA_SOURCE_NAMESPACE}` the template's
// parameters fill); the source is available when that DataSource reports Ready=True, the rule
// behind OpenShift's "Source available" badge and the Quick create button.
import type { DataSource, Template } from '../api/types.ts';
import type { Message } from './message.ts';
import { bootDataVolume, templateVm } from './template-vm.ts';

export interface SourceRef {
  namespace: string;
  name: string;
}

export type BootSource =
  | { state: 'loading' }
  /** The template's VM brings its own disk (container disk, URL, blank…): nothing to wait for. */
  | { state: 'noDataSource' }
  | { state: 'available'; ref: SourceRef }
  | { state: 'missing'; ref: SourceRef }
  | { state: 'notReady'; ref: SourceRef; reason?: string; message?: string };

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;
const UNFILLED = /\$\{[A-Za-z0-9_]+\}/;

function fill(s: string | undefined, values: Map<string, string>): string | undefined {
  return s?.replace(PLACEHOLDER, (m, k: string) => values.get(k) ?? m);
}

/** The DataSource the template's VM clones its boot disk from, with parameters filled in. */
export function bootSourceRef(t: Template): SourceRef | undefined {
  const values = new Map((t.parameters ?? []).flatMap((p) => (p.value ? [[p.name, p.value] as const] : [])));
  const vm = templateVm(t);
  const ref = vm && bootDataVolume(vm)?.spec?.sourceRef;
  if (ref && (ref.kind ?? 'DataSource') === 'DataSource' && ref.name) {
    const name = fill(ref.name, values);
    // sourceRef's namespace defaults to the DataVolume's, i.e. where the template is processed.
    const namespace = fill(ref.namespace, values) ?? t.metadata.namespace ?? '';
    if (name && !UNFILLED.test(name) && !UNFILLED.test(namespace)) return { namespace, name };
  }
  if (vm) return undefined;
  // No VM to read (a template listed without its objects): the parameters still name the source.
  const name = values.get('DATA_SOURCE_NAME');
  const namespace = values.get('DATA_SOURCE_NAMESPACE');
  return name && namespace ? { namespace, name } : undefined;
}

export function bootSource(t: Template, dataSources: readonly DataSource[], loaded: boolean): BootSource {
  const ref = bootSourceRef(t);
  if (!ref) return { state: 'noDataSource' };
  if (!loaded) return { state: 'loading' };
  const ds = dataSources.find((d) => d.metadata.namespace === ref.namespace && d.metadata.name === ref.name);
  if (!ds) return { state: 'missing', ref };
  const ready = ds.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return { state: 'available', ref };
  return { state: 'notReady', ref, reason: ready?.reason, message: ready?.message };
}

/** The badge: only a Ready DataSource earns "Source available". */
export const hasSourceBadge = (b: BootSource): boolean => b.state === 'available';

/** Quick create needs a boot source it can clone now (or none to clone). */
export const canQuickCreate = (b: BootSource): boolean => b.state === 'available' || b.state === 'noDataSource';

/** Why Quick create is not possible yet (undefined when it is). */
export function unavailableReason(b: BootSource): Message | undefined {
  if (b.state === 'loading') return { key: 'quick.sourceLoading' };
  if (b.state === 'missing') return { key: 'quick.sourceMissing', vars: { ref: `${b.ref.namespace}/${b.ref.name}` } };
  if (b.state === 'notReady') return { key: 'quick.sourceNotReady', vars: { ref: `${b.ref.namespace}/${b.ref.name}`, message: b.message || b.reason || 'Ready is not True' } };
  return undefined;
}
