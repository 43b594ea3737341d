// The DataSource controller (CDI's): keeps each DataSource's Ready condition in step with the PVC
// it names and the DataVolume filling that PVC, so a template's boot source shows as available
// (the console's catalog reads this condition) and a failed import shows why, with an event.
import type { DataSource } from '../../api/cdi/datasource.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { isDeepStrictEqual } from 'node:util';
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { EventRecorder } from '../../client/events.ts';
import { Informer, objectKey } from '../../client/informer.ts';
import { R } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { computeDataSourceStatus, pvcSourceOf, readyEvent, type DataSourceStatus } from './datasource-status.ts';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class DataSourceController {
  private sources: Informer<DataSource>;
  private pvcs: Informer<PersistentVolumeClaim>;
  private dvs: Informer<DataVolume>;
  private queue: WorkQueue;
  private events: EventRecorder;

  constructor(private readonly client: KubeClient) {
    this.sources = new Informer(client, R.datasources);
    this.pvcs = new Informer(client, R.pvcs);
    this.dvs = new Informer(client, R.datavolumes);
    this.queue = new WorkQueue((k) => this.sync(k), 'datasource-controller', 2);
    this.events = new EventRecorder(client, 'datasource-controller');
    this.sources.on((_t, ds) => this.queue.add(objectKey(ds)));
    // A claim or DataVolume changed: requeue the DataSources naming that claim.
    const touched = (_t: unknown, obj: KubeObject) => {
      for (const ds of this.sources.list()) {
        const ref = pvcSourceOf(ds);
        if (ref && ref.namespace === obj.metadata.namespace && ref.name === obj.metadata.name) this.queue.add(objectKey(ds));
      }
    };
    this.pvcs.on(touched);
    this.dvs.on(touched);
  }

  async start(): Promise<void> {
    const all = [this.sources, this.pvcs, this.dvs];
    for (const i of all) i.start();
    await Promise.all(all.map((i) => i.waitForSync()));
    this.queue.start();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all([this.sources, this.pvcs, this.dvs].map((i) => i.stop()));
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
    const ds = await this.client.tryGet<DataSource>(R.datasources, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const ref = pvcSourceOf(ds);
    const pvc = ref ? await this.client.tryGet<PersistentVolumeClaim>(R.pvcs, ref.namespace, ref.name) : undefined;
    const dv = ref ? await this.client.tryGet<DataVolume>(R.datavolumes, ref.namespace, ref.name) : undefined;
    const status = computeDataSourceStatus({ ds, pvc, dv, now: now() });
    const strip = (s: DataSourceStatus | undefined) => ({ ...s, conditions: s?.conditions?.map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...c }) => c) });
    if (isDeepStrictEqual(strip(status), strip(ds.status))) return;
    await this.client.updateStatus(R.datasources, { ...ds, status });
    const ev = readyEvent(ds.status, status);
    if (ev) await this.events.record(ds, ev.type, ev.reason, ev.message);
  }
}
