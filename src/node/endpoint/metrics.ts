// The `metrics` read: the samples the node's MetricsSampler keeps for a guest (src/node/metrics/).
// `since` (seconds) limits them to the recent past; absent, the whole kept hour comes back.
import type { MetricsResponse } from '../metrics/wire.ts';
import { EndpointError } from './status.ts';

export interface MetricsSource {
  read(namespace: string, name: string, sinceSeconds?: number): MetricsResponse;
}

export function parseSince(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new EndpointError(400, 'BadRequest', `since must be a non-negative number of seconds, not "${raw}"`);
  return Number(raw);
}

export function readMetrics(source: MetricsSource | undefined, namespace: string, name: string, since: string | null): Buffer {
  const sinceSeconds = parseSince(since);
  if (!source) throw new EndpointError(404, 'NotFound', 'this node agent keeps no metrics');
  return Buffer.from(JSON.stringify(source.read(namespace, name, sinceSeconds)));
}
