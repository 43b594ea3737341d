// A DataSource's status as CDI reports it: `source` copied from the spec, and one Ready condition
// that is True when the PVC it names exists and the DataVolume filling it (same name and
// namespace, as CDI looks it up) has Succeeded. Pure: the controller writes the result only when
// it differs. Reasons follow CDI's (Ready, NotFound, the DataVolume's phase); messages add the
// object's name and, for a failed import, the DataVolume's one-line reason.
import type { DataSource } from '../../api/cdi/datasource.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { Condition } from '../../machinery/object.ts';

export type DataSourceStatus = NonNullable<DataSource['status']>;

export interface DataSourceInput {
  ds: DataSource;
  /** The claim spec.source.pvc names, when it exists. */
  pvc: PersistentVolumeClaim | undefined;
  /** The DataVolume of the same name in the claim's namespace, when it exists. */
  dv: DataVolume | undefined;
  now: string;
}

/** Where the DataSource's PVC is, or undefined when it names none (snapshot, dataSource, nothing). */
export function pvcSourceOf(ds: DataSource): { namespace: string; name: string } | undefined {
  const pvc = ds.spec?.source.pvc;
  return pvc ? { namespace: pvc.namespace ?? ds.metadata.namespace ?? 'default', name: pvc.name } : undefined;
}

function readiness(input: DataSourceInput): { ready: boolean; reason: string; message: string } {
  const source = input.ds.spec?.source ?? {};
  const ref = pvcSourceOf(input.ds);
  if (!ref) {
    const kind = Object.keys(source).find((k) => source[k as keyof typeof source] !== undefined);
    // Vireo has no VolumeSnapshots, and its DataVolumes clone only from a DataSource's pvc.
    if (kind) return { ready: false, reason: 'Unsupported', message: `source ${kind} is not supported yet (supported: pvc)` };
    return { ready: false, reason: 'NoSource', message: 'No source PVC set' };
  }
  const name = `${ref.namespace}/${ref.name}`;
  const { pvc, dv } = input;
  if (dv && dv.status?.phase !== 'Succeeded') {
    const phase = dv.status?.phase ?? 'Pending';
    const why = dv.status?.conditions?.find((c) => c.type === 'Running')?.message;
    return { ready: false, reason: phase, message: `Import DataVolume ${name} phase ${phase}${phase === 'Failed' && why ? `: ${why}` : ''}` };
  }
  if (!pvc) return { ready: false, reason: 'NotFound', message: `No source PVC ${name}` };
  if (pvc.status?.phase !== 'Bound') return { ready: false, reason: 'Pending', message: `PVC ${name} is ${pvc.status?.phase ?? 'Pending'}` };
  return { ready: true, reason: 'Ready', message: 'DataSource is ready to be consumed' };
}

export function computeDataSourceStatus(input: DataSourceInput): DataSourceStatus {
  const r = readiness(input);
  const status = r.ready ? 'True' : 'False';
  const prev = input.ds.status?.conditions?.find((c) => c.type === 'Ready');
  const changed = !prev || prev.status !== status;
  const ready: Condition = {
    type: 'Ready',
    status,
    reason: r.reason,
    message: r.message,
    lastTransitionTime: changed ? input.now : (prev.lastTransitionTime ?? input.now),
    lastHeartbeatTime: input.now,
  };
  return { ...(input.ds.spec ? { source: input.ds.spec.source } : {}), conditions: [ready] };
}

/** The event a change of the Ready condition is worth: becoming ready, or a failed import. */
export function readyEvent(before: DataSourceStatus | undefined, after: DataSourceStatus): { type: 'Normal' | 'Warning'; reason: string; message: string } | undefined {
  const old = before?.conditions?.find((c) => c.type === 'Ready');
  const now = after.conditions?.find((c) => c.type === 'Ready');
  if (!now || (old?.status === now.status && old.reason === now.reason)) return undefined;
  if (now.status === 'True') return { type: 'Normal', reason: 'Ready', message: now.message ?? '' };
  if (now.reason === 'Failed') return { type: 'Warning', reason: 'ImportFailed', message: now.message ?? '' };
  return undefined;
}
