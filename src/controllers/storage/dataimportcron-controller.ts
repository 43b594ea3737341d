// The DataImportCron controller (CDI's): polls each cron's source on creation and at every tick of
// its schedule; a new digest becomes a DataVolume `<cron>-<digest12>` from the template; when that
// import Succeeds the managed DataSource is pointed at it, and imports past importsToKeep are
// deleted. An unreachable source is reported once (condition + one Warning event per distinct
// failure) and polled again only at the next tick: no retry storm for offline machines.
import { isDeepStrictEqual } from 'node:util';
import type { DataImportCron, DataImportCronStatus } from '../../api/cdi/dataimportcron.ts';
import type { DataSource } from '../../api/cdi/datasource.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { nextTick } from '../../api/cdi/schedule.ts';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder, type EventType } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { ImportError } from '../../importer/errors.ts';
import { InvalidReference } from '../../importer/registry/reference.ts';
import type { Condition } from '../../machinery/object.ts';
import { CRON_LABEL, NO_SOURCE, importName, isNewFailure, outdatedImports, pollDue, setCondition } from './dataimportcron-logic.ts';
import { resolveSource, type SourceVersion } from './dataimportcron-source.ts';

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const DIGEST_ANNOTATION = 'cdi.kubevirt.io/storage.import.sourceDesiredDigest';

/** The one-line message of a source that could not be read, or undefined for any other error. */
function sourceFailure(e: unknown): string | undefined {
  if (e instanceof ImportError || e instanceof InvalidReference) return e.message;
  const name = (e as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return `the source did not answer in time: ${(e as Error).message}`;
  return undefined;
}

type PendingEvent = [EventType, string, string];

export class DataImportCronController {
  private crons: Informer<DataImportCron>;
  private dvs: Informer<DataVolume>;
  private queue: WorkQueue;
  private events: EventRecorder;
  private ticks = new Map<string, NodeJS.Timeout>();

  constructor(private readonly client: KubeClient) {
    this.crons = new Informer(client, R.dataimportcrons);
    this.dvs = new Informer(client, R.datavolumes);
    this.queue = new WorkQueue((k) => this.sync(k), 'dataimportcron-controller', 2);
    this.events = new EventRecorder(client, 'dataimportcron-controller');
    this.crons.on((_t, c) => this.queue.add(objectKey(c)));
    // An import changed phase: requeue the cron that made it.
    this.dvs.on((_t, dv) => {
      const cron = dv.metadata.labels?.[CRON_LABEL];
      if (cron) this.queue.add(`${dv.metadata.namespace}/${cron}`);
    });
  }

  async start(): Promise<void> {
    const all = [this.crons, this.dvs];
    for (const i of all) i.start();
    await Promise.all(all.map((i) => i.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    for (const t of this.ticks.values()) clearTimeout(t);
    this.ticks.clear();
    await Promise.all([this.crons, this.dvs].map((i) => i.stop()));
  }

  /** One timer per cron, at its next tick: the only way a failed poll is tried again. */
  private scheduleTick(key: string, at: Date): void {
    clearTimeout(this.ticks.get(key));
    const t = setTimeout(() => {
      this.ticks.delete(key);
      this.queue.add(key);
    }, Math.max(0, at.getTime() - Date.now()) + 50);
    t.unref();
    this.ticks.set(key, t);
  }

  private async sync(key: string): Promise<void> {
    try {
      await this.reconcile(key);
    } catch (e) {
      // A conflict means the object moved on under us: read it again.
      if (!(e instanceof ApiStatusError && e.code === 409)) throw e;
      this.queue.add(key);
    }
  }

  private async reconcile(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const cron = await this.client.tryGet<DataImportCron>(R.dataimportcrons, ns, name);
    if (!cron?.spec || cron.metadata.deletionTimestamp) {
      clearTimeout(this.ticks.get(key));
      this.ticks.delete(key);
      return;
    }
    const now = new Date();
    const status: DataImportCronStatus = structuredClone(cron.status ?? {});
    const pending: PendingEvent[] = [];
    if (pollDue(cron.spec.schedule, status.lastExecutionTimestamp, now)) await this.poll(cron, status, now, pending);
    await this.follow(cron, status, iso(now), pending);
    await this.collectGarbage(cron, status);

    const strip = (s: DataImportCronStatus | undefined) => ({ ...s, conditions: s?.conditions?.map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...c }) => c) });
    if (!isDeepStrictEqual(strip(status), strip(cron.status))) await this.client.updateStatus(R.dataimportcrons, { ...cron, status });
    for (const [type, reason, message] of pending) await this.events.record(cron, type, reason, message);
    this.scheduleTick(key, nextTick(cron.spec.schedule, new Date(status.lastExecutionTimestamp ?? iso(now))));
  }

  /** Reads the source's digest; a new one starts an import. */
  private async poll(cron: DataImportCron, status: DataImportCronStatus, now: Date, pending: PendingEvent[]): Promise<void> {
    const ns = cron.metadata.namespace ?? 'default';
    const t = iso(now);
    status.lastExecutionTimestamp = t;
    let version: SourceVersion;
    try {
      version = await resolveSource(this.client, ns, cron.spec!.template.spec.source);
    } catch (e) {
      const why = sourceFailure(e);
      if (why === undefined) throw e;
      const message = `cannot read the import source: ${why}`;
      if (isNewFailure(status.conditions, message)) pending.push(['Warning', NO_SOURCE, message]);
      status.conditions = setCondition(status.conditions, 'Progressing', { status: 'False', reason: NO_SOURCE, message }, t);
      if (!status.lastImportedPVC) status.conditions = setCondition(status.conditions, 'UpToDate', { status: 'False', reason: NO_SOURCE, message }, t);
      return;
    }
    const dvName = importName(cron.metadata.name!, version.digest);
    const known = status.currentImports?.[0]?.digest === version.digest;
    // A new digest, or the current import deleted by someone: (re)create it, as CDI does.
    if (!known || !(await this.client.tryGet<DataVolume>(R.datavolumes, ns, dvName))) {
      await this.createImport(cron, dvName, version);
      if (!known) pending.push(['Normal', 'ImportScheduled', `importing digest ${version.digest} into DataVolume ${dvName}`]);
    }
    status.currentImports = [{ dataVolumeName: dvName, digest: version.digest }];
    status.sourceFormat = 'pvc';
    status.conditions = setCondition(status.conditions, 'Progressing', { status: 'False', reason: 'NoImport', message: 'No current import' }, t);
  }

  private async createImport(cron: DataImportCron, name: string, v: SourceVersion): Promise<void> {
    const ns = cron.metadata.namespace ?? 'default';
    const meta = cron.spec!.template.metadata;
    const dv: DataVolume = {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name,
        namespace: ns,
        labels: { ...meta?.labels, [CRON_LABEL]: cron.metadata.name! },
        annotations: { ...meta?.annotations, [DIGEST_ANNOTATION]: v.digest },
      },
      spec: { ...cron.spec!.template.spec, source: v.source },
    };
    try {
      await this.client.create(R.datavolumes, ns, dv);
    } catch (e) {
      // Already there (a previous pass created it before its status write conflicted): fine.
      if (!(e instanceof ApiStatusError && e.code === 409)) throw e;
    }
  }

  /** Follows the current import; when it Succeeds, the DataSource moves to it. */
  private async follow(cron: DataImportCron, status: DataImportCronStatus, t: string, pending: PendingEvent[]): Promise<void> {
    const cur = status.currentImports?.[0];
    if (!cur) return;
    const ns = cron.metadata.namespace ?? 'default';
    const dv = await this.client.tryGet<DataVolume>(R.datavolumes, ns, cur.dataVolumeName);
    const phase = dv?.status?.phase;
    const set = (type: string, c: Pick<Condition, 'status' | 'reason' | 'message'>) => (status.conditions = setCondition(status.conditions, type, c, t));
    // An unreachable source stays reported until a poll succeeds again.
    const sourceOk = status.conditions?.find((c) => c.type === 'Progressing')?.reason !== NO_SOURCE;
    if (phase === 'Succeeded') {
      await this.pointDataSource(cron, cur.dataVolumeName);
      if (status.lastImportedPVC?.name !== cur.dataVolumeName) {
        status.lastImportedPVC = { namespace: ns, name: cur.dataVolumeName };
        status.lastImportTimestamp = t;
        pending.push(['Normal', 'UpToDate', `DataSource ${cron.spec!.managedDataSource} now points at ${cur.dataVolumeName}`]);
      }
      set('UpToDate', { status: 'True', reason: 'UpToDate', message: 'Latest import is up to date' });
      if (sourceOk) set('Progressing', { status: 'False', reason: 'NoImport', message: 'No current import' });
    } else if (phase === 'Failed') {
      const why = dv?.status?.conditions?.find((c) => c.type === 'Running')?.message ?? 'the import failed';
      set('UpToDate', { status: 'False', reason: 'ImportFailed', message: `DataVolume ${cur.dataVolumeName}: ${why}` });
      if (sourceOk) set('Progressing', { status: 'False', reason: 'ImportFailed', message: `DataVolume ${cur.dataVolumeName}: ${why}` });
    } else if (dv) {
      set('UpToDate', { status: 'False', reason: 'OutOfDate', message: 'No up-to-date import yet' });
      if (sourceOk) set('Progressing', { status: 'True', reason: 'ImportProgressing', message: `Import ${cur.dataVolumeName} is ${phase ?? 'Pending'}` });
    }
  }

  /** Creates the managed DataSource if missing, or moves its spec.source.pvc to the import. */
  private async pointDataSource(cron: DataImportCron, pvc: string): Promise<void> {
    const ns = cron.metadata.namespace ?? 'default';
    const name = cron.spec!.managedDataSource;
    const ds = await this.client.tryGet<DataSource>(R.datasources, ns, name);
    const source = { pvc: { namespace: ns, name: pvc } };
    if (!ds) {
      await this.client.create(R.datasources, ns, { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataSource', metadata: { name, namespace: ns, labels: { [CRON_LABEL]: cron.metadata.name! } }, spec: { source } });
      return;
    }
    if (isDeepStrictEqual(ds.spec?.source, source)) return;
    await this.client.mergePatch(R.datasources, ns, name, { metadata: { resourceVersion: ds.metadata.resourceVersion }, spec: { source: { pvc: source.pvc, snapshot: null, dataSource: null } } });
  }

  private async collectGarbage(cron: DataImportCron, status: DataImportCronStatus): Promise<void> {
    const ns = cron.metadata.namespace ?? 'default';
    const protect = new Set([status.currentImports?.[0]?.dataVolumeName, status.lastImportedPVC?.name].filter((n): n is string => n !== undefined));
    const dvs = await this.client.list<DataVolume>(R.datavolumes, ns, { labelSelector: `${CRON_LABEL}=${cron.metadata.name}` });
    for (const old of outdatedImports(cron, dvs.items, protect)) {
      try {
        await this.client.delete(R.datavolumes, ns, old.metadata.name!, { preconditions: { uid: old.metadata.uid } });
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
      }
    }
  }
}
