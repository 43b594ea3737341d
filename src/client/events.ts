// Records Kubernetes Events about an object, so `kubectl describe` and `kubectl get events` show
// what the controllers and node agents did. Repeats of the same event bump its count.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../machinery/object.ts';
import { ApiStatusError, type KubeClient } from './client.ts';
import { R } from './resources.ts';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  constructor(
    private readonly client: KubeClient,
    private readonly component: string,
    private readonly host?: string,
  ) {}

  /** Never throws: an event that cannot be written is logged, the caller's work goes on. */
  async record(obj: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const ns = obj.metadata.namespace ?? 'default';
    const id = createHash('sha1').update(`${obj.metadata.uid}/${reason}/${message}`).digest('hex').slice(0, 12);
    const name = `${obj.metadata.name}.${id}`;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    try {
      const existing = await this.client.tryGet<KubeObject & { count?: number }>(R.events, ns, name);
      if (existing) {
        await this.client.mergePatch(R.events, ns, name, { count: (existing.count ?? 1) + 1, lastTimestamp: now });
        return;
      }
      await this.client.create(R.events, ns, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
          uid: obj.metadata.uid,
          resourceVersion: obj.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
        reportingComponent: this.component,
        reportingInstance: this.host ?? '',
      });
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 404) return; // namespace going away
      console.error(`${this.component}: cannot record event ${reason} for ${ns}/${obj.metadata.name}: ${(e as Error).message}`);
    }
  }
}
